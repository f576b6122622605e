namespace Omnia.Core.Import;

/// <summary>What each data row of an imported CSV file describes.</summary>
public enum CsvImportKind
{
    /// <summary>One customer per row (a CRM export): each row becomes an <c>identify</c> call with traits.</summary>
    Customers,

    /// <summary>One thing that happened per row (POS sales, support tickets, history): each row becomes a <c>track</c> call.</summary>
    Events,
}
