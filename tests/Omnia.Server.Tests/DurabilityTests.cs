using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>An acknowledged write survives the server being killed mid-load.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_batch_is_there_after_a_crash_during_ingestion()
    {
        string data = Directory.CreateTempSubdirectory("omnia-crash-").FullName;
        var acknowledged = new ConcurrentBag<int>();
        await using (var node = await OmniaProcess.ServeAsync(data))
        {
            using var cts = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                for (int i = worker; !cts.IsCancellationRequested; i += 4)
                {
                    string events = string.Join(",", Enumerable.Range(0, 20).Select(n =>
                        $$"""{"type":"track","userId":"crash-{{i}}","event":"Tick","messageId":"crash-{{i}}-{{n}}"}"""));
                    var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent($$"""{"batch":[{{events}}]}""", Encoding.UTF8, "application/json") };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestNode.WriteKey + ":")));
                    try
                    {
                        var response = await node.Client.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(i);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            while (acknowledged.Count < 200)
            {
                await Task.Delay(20);
            }

            node.Crash();
            await cts.CancelAsync();
            await Task.WhenAll(senders);
        }

        await using var restarted = await OmniaProcess.ServeAsync(data);
        var admin = restarted.Client;
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminKey);
        var missing = new List<int>();
        foreach (int i in acknowledged.OrderBy(i => i))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var response = await admin.GetAsync($"/api/v1/workspaces/default/profiles/lookup?type=userId&value=crash-{i}");
                if (response.IsSuccessStatusCode)
                {
                    var profile = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    if (profile.GetProperty("eventCount").GetInt32() == 20)
                    {
                        break;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    missing.Add(i);
                    break;
                }

                await Task.Delay(50);
            }
        }

        Assert.True(acknowledged.Count >= 200);
        Assert.Empty(missing);
    }
}
