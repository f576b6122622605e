using System.Text;

namespace Omnia.Core.Import;

/// <summary>
/// Turns header cells into canonical field names: snake_case (so "First Name", "first-name" and "firstName" agree),
/// then the well-known aliases ("customer_id" is user_id, "e-mail" is email, ...).
/// </summary>
internal static class CsvColumnNames
{
    public const string UserId = "user_id";
    public const string AnonymousId = "anonymous_id";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Event = "event";
    public const string Timestamp = "timestamp";
    public const string MessageId = "message_id";

    /// <summary>The identifier columns and their aliases, as an error message lists them.</summary>
    public const string IdentifierList =
        "user_id (or customer_id, userid, \"user id\"), anonymous_id, email (or e-mail, email_address), "
        + "phone (or phone_number, mobile)";

    /// <summary>The timestamp columns an events file may use.</summary>
    public const string EventTimestampList = "timestamp, date, created_at or order_date";

    private static readonly Dictionary<string, string> CommonAliases = new(StringComparer.Ordinal)
    {
        ["user_id"] = UserId,
        ["userid"] = UserId,
        ["customer_id"] = UserId,
        ["anonymous_id"] = AnonymousId,
        ["email"] = Email,
        ["e_mail"] = Email,
        ["email_address"] = Email,
        ["phone"] = Phone,
        ["phone_number"] = Phone,
        ["mobile"] = Phone,
        ["timestamp"] = Timestamp,
        ["message_id"] = MessageId,
    };

    // For customers "created_at" is when the customer signed up (a trait), not when the row happened.
    private static readonly Dictionary<string, string> EventAliases = new(StringComparer.Ordinal)
    {
        ["event"] = Event,
        ["event_name"] = Event,
        ["date"] = Timestamp,
        ["created_at"] = Timestamp,
        ["order_date"] = Timestamp,
    };

    /// <summary>Lower-case words joined by underscores; anything but letters and digits separates words.</summary>
    public static string ToSnakeCase(string header)
    {
        var key = new StringBuilder(header.Length + 4);
        var previous = ' ';
        foreach (var c in header)
        {
            if (!char.IsLetterOrDigit(c))
            {
                previous = ' ';
                continue;
            }

            var startsWord = previous == ' ' || (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)));
            if (startsWord && key.Length > 0)
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(c));
            previous = c;
        }

        return key.ToString();
    }

    /// <summary>The canonical name of a snake_case key: an alias is replaced by the field it stands for.</summary>
    public static string Canonical(string snakeCase, CsvImportKind kind)
    {
        if (CommonAliases.TryGetValue(snakeCase, out var canonical))
        {
            return canonical;
        }

        return kind == CsvImportKind.Events && EventAliases.TryGetValue(snakeCase, out canonical) ? canonical : snakeCase;
    }

    public static CsvColumnRole RoleOf(string canonical, CsvImportKind kind) => canonical switch
    {
        UserId => CsvColumnRole.UserId,
        AnonymousId => CsvColumnRole.AnonymousId,
        Email => CsvColumnRole.Email,
        Phone => CsvColumnRole.Phone,
        Timestamp => CsvColumnRole.Timestamp,
        MessageId => CsvColumnRole.MessageId,
        Event when kind == CsvImportKind.Events => CsvColumnRole.Event,
        _ => CsvColumnRole.Attribute,
    };
}
