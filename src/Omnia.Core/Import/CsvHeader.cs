namespace Omnia.Core.Import;

/// <summary>
/// The validated header of an import file: one <see cref="CsvColumn"/> per cell. Everything that would make every
/// row fail is rejected here, with a <see cref="CsvImportException"/>, before the first row is read.
/// </summary>
internal sealed class CsvHeader
{
    private CsvHeader(CsvColumn[] columns) => Columns = columns;

    public IReadOnlyList<CsvColumn> Columns { get; }

    public int Count => Columns.Count;

    public bool Has(CsvColumnRole role) => Columns.Any(c => c.Role == role);

    /// <summary>The header of the column with <paramref name="role"/> as the file spells it (for messages).</summary>
    public string HeaderOf(CsvColumnRole role) => Columns.FirstOrDefault(c => c.Role == role).Header ?? "";

    public static CsvHeader Parse(IReadOnlyList<string> cells, CsvImportOptions options)
    {
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (from, to) in options.ColumnMap ?? new Dictionary<string, string>())
        {
            renames[from.Trim()] = to;
        }

        var columns = new CsvColumn[cells.Count];
        var headerByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var renamed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < cells.Count; i++)
        {
            var header = cells[i].Trim().TrimStart('\uFEFF').Trim();
            var name = header;
            if (renames.TryGetValue(header, out var target))
            {
                renamed.Add(header);
                name = target;
            }

            // An unnamed column (often a trailing delimiter) or one mapped to "" carries nothing to import.
            if (header.Length == 0 || string.IsNullOrWhiteSpace(name))
            {
                columns[i] = new CsvColumn(header, "", CsvColumnRole.Ignored);
                continue;
            }

            var snakeCase = CsvColumnNames.ToSnakeCase(name);
            if (snakeCase.Length == 0)
            {
                throw new CsvImportException(
                    $"Column {i + 1} is named '{header}', which has no letters or digits. Rename it in the file, "
                    + "or give it a name with a column mapping (omnia import --map 'Column=field').");
            }

            var key = CsvColumnNames.Canonical(snakeCase, options.Kind);
            if (headerByKey.TryGetValue(key, out var earlier))
            {
                throw new CsvImportException(string.Equals(earlier, header, StringComparison.OrdinalIgnoreCase)
                    ? $"The header names column '{header}' twice. Remove or rename one of them."
                    : $"Columns '{earlier}' and '{header}' both mean '{key}'. Remove one of them, or rename one with a column mapping (omnia import --map 'Column=field').");
            }

            headerByKey[key] = header;
            columns[i] = new CsvColumn(header, key, CsvColumnNames.RoleOf(key, options.Kind));
        }

        var parsed = new CsvHeader(columns);
        parsed.Validate(renames.Keys.Where(k => !renamed.Contains(k)), options);
        return parsed;
    }

    private void Validate(IEnumerable<string> unusedRenames, CsvImportOptions options)
    {
        var found = string.Join(", ", Columns.Where(c => c.Header.Length > 0).Select(c => $"'{c.Header}'"));
        var missing = unusedRenames.FirstOrDefault();
        if (missing is not null)
        {
            throw new CsvImportException(
                $"ColumnMap renames column '{missing}', but the header has no such column. Columns found: {found}.");
        }

        if (!Columns.Any(c => c.IsIdentifier))
        {
            throw new CsvImportException(
                "The header has no identifier column, so no row could be linked to a person. Add a column named "
                + $"{CsvColumnNames.IdentifierList}, or map one of your columns to it (omnia import --map 'Customer No=user_id'). Columns found: {found}.");
        }

        if (options.Kind != CsvImportKind.Events)
        {
            return;
        }

        if (!Has(CsvColumnRole.Event) && string.IsNullOrWhiteSpace(options.EventName))
        {
            throw new CsvImportException(
                "The file has no 'event' (or 'event_name') column to name each event. Add one, or set an event name "
                + "for every row (EventName, e.g. \"Order Completed\").");
        }

        if (!Has(CsvColumnRole.Timestamp))
        {
            throw new CsvImportException(
                $"The file has no date column, and every event needs to say when it happened. Add a column named "
                + $"{CsvColumnNames.EventTimestampList}, or map one of your columns to it (omnia import --map 'Customer No=user_id'). Columns found: {found}.");
        }
    }
}
