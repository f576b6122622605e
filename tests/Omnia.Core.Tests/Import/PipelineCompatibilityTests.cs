using System.Text;
using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Import;
using static Omnia.Core.Tests.Import.CsvImports;

namespace Omnia.Core.Tests.Import;

/// <summary>The importer's events go through the real Segment request parser and identifier extraction.</summary>
public class PipelineCompatibilityTests
{
    public static TheoryData<string, CsvImportOptions> SampleFiles => new()
    {
        { SampleCsvFiles.CrmCustomers, ForCustomers() },
        { SampleCsvFiles.PosSales, ForEvents("Order Completed", "store") },
        { SampleCsvFiles.SupportTickets, ForEvents(channel: "support") },
    };

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_imported_event_is_accepted_by_ingestion(string csv, CsvImportOptions options)
    {
        var rows = Rows(csv, options);
        var batch = $"{{\"batch\":[{string.Join(',', rows.Select(r => r.EventJson))}]}}";

        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes(batch));
        var result = request.Extract(null, workspaceId: 1, sourceId: 1, receivedAt: Now);

        Assert.Empty(result.Rejected.SelectMany(r => r.Errors));
        Assert.Equal(rows.Count, result.Accepted.Count);
        Assert.Equal(rows.Select(r => Parse(r).Text("messageId")), result.Accepted.Select(e => e.MessageId));
    }

    [Fact]
    public void Identity_resolution_sees_the_email_of_an_imported_sale()
    {
        var sale = Imported(SampleCsvFiles.PosSales, ForEvents("Order Completed", "store"))[0];

        var identifiers = IdentifierExtractor.Extract(
            sale.Text("userId"), null, traits: null, sale.At("context"), IdentityRules.Default);

        Assert.Contains(new Identifier(IdentifierTypes.Email, "ana.silva@example.com"), identifiers);
        Assert.Contains(new Identifier(IdentifierTypes.UserId, "C-1001"), identifiers);
    }
}
