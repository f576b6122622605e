namespace Omnia.Core.Identity;

/// <summary>
/// One identifier of a person: a type (<c>user_id</c>, <c>anonymous_id</c>, <c>email</c>, <c>phone</c>,
/// <c>device_id</c>, or a configured external id type such as <c>crm_id</c>) and its normalised value.
/// </summary>
public readonly record struct Identifier(string Type, string Value)
{
    public override string ToString() => $"{Type}:{Value}";
}

/// <summary>The identifier types Omnia knows without configuration.</summary>
public static class IdentifierTypes
{
    public const string UserId = "user_id";
    public const string AnonymousId = "anonymous_id";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string DeviceId = "device_id";
}
