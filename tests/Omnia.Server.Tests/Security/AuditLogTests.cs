using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// The audit log records every kind of admin change with who, when, from where and the state before and after;
/// owners read and export it; nothing can change or remove an entry, and an edit made to the file is detected.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Each_kind_of_change_is_recorded_with_who_from_where_and_before_and_after()
    {
        const string ws = "/api/v1/workspaces/default";
        await OkAsync(HttpMethod.Post, "/api/v1/workspaces", """{"slug":"audited","name":"Audited"}""");
        var source = await OkAsync(HttpMethod.Post, $"{ws}/sources", """{"name":"Shop"}""");
        int sourceId = source.GetProperty("source").GetProperty("id").GetInt32();
        await OkAsync(HttpMethod.Patch, $"{ws}/sources/{sourceId}", """{"allowedOrigins":["https://shop.example.com"]}""");
        await OkAsync(HttpMethod.Post, $"{ws}/sources/{sourceId}/rotate-key?overlapHours=1", null);
        await OkAsync(HttpMethod.Delete, $"{ws}/sources/{sourceId}", null);
        var key = await OkAsync(HttpMethod.Post, $"{ws}/keys", """{"name":"reports","role":"viewer","expiresInDays":30}""");
        await OkAsync(HttpMethod.Delete, $"{ws}/keys/{key.GetProperty("key").GetProperty("id").GetInt32()}", null);
        await OkAsync(HttpMethod.Post, $"{ws}/users/invitations", """{"email":"new@example.com","role":"analyst"}""");
        var channels = await _node.GetJsonAsync($"{ws}/settings/channel-rules");
        await OkAsync(HttpMethod.Put, $"{ws}/settings/channel-rules", channels.GetRawText());
        var identity = await _node.GetJsonAsync($"{ws}/settings/identity-rules");
        await OkAsync(HttpMethod.Put, $"{ws}/settings/identity-rules", identity.GetRawText());
        const string segment = """{"version":1,"name":"Buyers","condition":{"trait":{"name":"plan","op":"equals","value":"pro"}}}""";
        await OkAsync(HttpMethod.Put, $"{ws}/segments/buyers", segment);
        await OkAsync(HttpMethod.Put, $"{ws}/segments/buyers", segment.Replace("pro", "max", StringComparison.Ordinal));
        await OkAsync(HttpMethod.Delete, $"{ws}/segments/buyers", null);
        await OkAsync(HttpMethod.Put, $"{ws}/computed-traits/spend", """{"version":1,"name":"spend","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}""");
        await OkAsync(HttpMethod.Delete, $"{ws}/computed-traits/spend", null);
        var lifecycle = await _node.GetJsonAsync($"{ws}/lifecycle-rules");
        await OkAsync(HttpMethod.Put, $"{ws}/lifecycle-rules", lifecycle.GetRawText());
        await OkAsync(HttpMethod.Put, $"{ws}/rfm-breakpoints", """{"recencyDays":[30,90,180,365],"frequency":[1,2,3,5],"monetary":[50,150,400,1000]}""");
        await OkAsync(HttpMethod.Post, $"{ws}/rfm-breakpoints/calibrate", null);
        using (var owner = await DashboardHttp.SignInAsync(_node))
        {
            var form = (await owner.FormsAsync("/w/default/sources")).Single(f => f.Fields.ContainsKey("Form.Name"));
            form.Fields["Form.Name"] = "From the dashboard";
            using var created = await owner.PostAsync(form);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var entries = (await _node.GetJsonAsync($"{ws}/audit?limit=1000")).GetProperty("entries").EnumerateArray().ToList();
        string[] expected =
        [
            "workspace.created", "source.created", "source.changed", "source.key_rotated", "source.deleted", "key.created", "key.revoked", "user.invited",
            "settings.channel-rules.saved", "settings.identity-rules.saved", "segment.saved", "segment.deleted", "computed-trait.saved",
            "computed-trait.deleted", "lifecycle-rules.saved", "rfm-breakpoints.saved", "rfm-breakpoints.calibrated",
        ];
        var actions = entries.Select(e => e.GetProperty("action").GetString()).ToHashSet();
        Assert.All(expected, action => Assert.Contains(action, actions));
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.GetProperty("client").GetString()));

        var replaced = entries.Where(e => e.GetProperty("action").GetString() == "segment.saved").Last();
        Assert.Equal("key bootstrap", replaced.GetProperty("actor").GetString());
        Assert.Contains("\"pro\"", replaced.GetProperty("before").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"max\"", replaced.GetProperty("after").GetRawText(), StringComparison.Ordinal);
        var fromDashboard = entries.Last(e => e.GetProperty("action").GetString() == "source.created");
        Assert.Equal($"user {TestNode.OwnerEmail}", fromDashboard.GetProperty("actor").GetString());
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains("ak_", StringComparison.Ordinal) && e.GetProperty("action").GetString() == "key.created"
            && e.GetProperty("after").GetRawText().Contains("\"secret\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_route_changes_or_removes_an_entry_and_the_store_refuses_it_too()
    {
        await OkAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/kept", """{"version":1,"name":"Kept","condition":{"trait":{"name":"plan","op":"exists"}}}""");
        var before = await _node.GetJsonAsync("/api/v1/workspaces/default/audit");
        var document = JsonDocument.Parse(await _node.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var auditOperations = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.Contains("/audit", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Name)).ToList();
        Assert.NotEmpty(auditOperations);
        Assert.All(auditOperations, method => Assert.Equal("get", method));

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            foreach (var path in new[] { "/api/v1/workspaces/default/audit", "/api/v1/workspaces/default/audit/1" })
            {
                using var response = await _node.Client.SendAsync(Callers.Request(method, path, TestNode.AdminKey, method == HttpMethod.Delete ? null : "{}"));
                Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before.GetRawText(), (await _node.GetJsonAsync("/api/v1/workspaces/default/audit")).GetRawText());
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_node.DataDirectory, "omnia.db")}");
        connection.Open();
        foreach (var sql in new[] { "UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_hash_chain_finds_an_entry_edited_in_the_file()
    {
        for (int i = 0; i < 3; i++)
        {
            await OkAsync(HttpMethod.Put, $"/api/v1/workspaces/default/segments/s{i}", "{\"version\":1,\"name\":\"S" + i + "\",\"condition\":{\"trait\":{\"name\":\"plan\",\"op\":\"exists\"}}}");
        }

        Assert.True((await _node.GetJsonAsync("/api/v1/workspaces/default/audit/verify")).GetProperty("intact").GetBoolean());
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_node.DataDirectory, "omnia.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Someone with the file drops the guard and rewrites history.
            command.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 2;";
            command.ExecuteNonQuery();
        }

        var verification = await _node.GetJsonAsync("/api/v1/workspaces/default/audit/verify");
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Fact]
    public async Task Owners_export_the_log_as_csv_and_json_and_an_owner_of_one_workspace_sees_only_its_entries()
    {
        await OkAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/exported", """{"version":1,"name":"Exported, \"quoted\"","condition":{"trait":{"name":"plan","op":"exists"}}}""");
        await OkAsync(HttpMethod.Post, "/api/v1/workspaces", """{"slug":"second","name":"Second"}""");

        using var csv = await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/default/audit/export?format=csv", TestNode.AdminKey));
        using var json = await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/default/audit/export?format=json", TestNode.AdminKey));
        string text = await csv.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("seq,at,workspace,actor,client,action,target,before,after,hash", text, StringComparison.Ordinal);
        Assert.Contains("segment.saved", text, StringComparison.Ordinal);
        var exported = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(exported.EnumerateArray(), e => e.GetProperty("action").GetString() == "workspace.created");

        var store = _node.App.Services.GetRequiredService<IWorkspaceStore>();
        var second = (await store.FindWorkspaceAsync("second"))!;
        string limited = await Callers.KeyAsync(store, second.Id, Role.Owner, "second-owner");
        using var own = await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces/second/audit", limited));
        var ownEntries = JsonDocument.Parse(await own.Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Empty(ownEntries.EnumerateArray()); // the workspace's creation is an installation-wide entry, the segment is another workspace's
    }

    [Fact]
    public async Task A_change_whose_route_records_nothing_itself_is_still_recorded_and_an_estimate_is_not()
    {
        // Persona training records itself; a failed change records nothing; an estimate reads only.
        await OkAsync(HttpMethod.Post, "/api/v1/workspaces/default/segments/estimate", """{"version":1,"name":"E","condition":{"trait":{"name":"plan","op":"exists"}}}""");
        using var refused = await _node.Client.SendAsync(Callers.Request(HttpMethod.Post, "/api/v1/workspaces/default/keys", TestNode.AdminKey, "{}"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var entries = (await _node.GetJsonAsync("/api/v1/workspaces/default/audit")).GetProperty("entries").EnumerateArray().ToList();

        Assert.DoesNotContain(entries, e => e.GetProperty("target").GetString()!.Contains("estimate", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString()!.StartsWith("key.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_generic_record_of_an_unaudited_change_masks_secret_looking_fields()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _node.App.Services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/workspaces/default/things";
        http.Request.Body = new MemoryStream("""{"name":"x","password":"hunter22","nested":{"apiKey":"ak_1"}}"""u8.ToArray());
        http.Response.StatusCode = 201;
        var audit = _node.App.Services.GetRequiredService<Omnia.Server.Audit.AuditLog>();

        await Omnia.Server.Audit.AuditedRequests.RecordIfMissingAsync(http, audit);

        var entries = await _node.App.Services.GetRequiredService<Omnia.Core.Audit.IAuditStore>().ListAsync(new Omnia.Core.Audit.AuditQuery(0, IncludeGlobal: true));
        var entry = Assert.Single(entries, e => e.Target == "/api/v1/workspaces/default/things");
        Assert.Equal("api POST /api/v1/workspaces/default/things", entry.Action);
        Assert.Contains("\"name\":\"x\"", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("ak_1", entry.After, StringComparison.Ordinal);
    }

    private async Task<JsonElement> OkAsync(HttpMethod method, string path, string? json)
    {
        using var response = await _node.Client.SendAsync(Callers.Request(method, path, TestNode.AdminKey, json));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
