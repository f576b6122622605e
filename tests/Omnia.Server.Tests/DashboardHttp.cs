using System.Net;
using System.Text.RegularExpressions;

namespace Omnia.Server.Tests;

/// <summary>
/// The dashboard as a browser without JavaScript uses it: a cookie jar, the sign-in form posted with its
/// antiforgery token, and the server-rendered forms of each page read back from the HTML.
/// </summary>
public sealed partial class DashboardHttp : IDisposable
{
    private DashboardHttp(HttpClient client, CookieContainer cookies)
    {
        Client = client;
        Cookies = cookies;
    }

    public HttpClient Client { get; }

    /// <summary>The browser's cookie jar (the session cookie, the known-device cookie).</summary>
    public CookieContainer Cookies { get; }

    /// <summary>A client signed in as the node's owner through the sign-in form.</summary>
    public static Task<DashboardHttp> SignInAsync(TestNode node, string email = TestNode.OwnerEmail, string password = TestNode.OwnerPassword) =>
        SignInAsync(node.Client.BaseAddress!, email, password);

    /// <summary>A client of the node at <paramref name="baseAddress"/> signed in through the sign-in form.</summary>
    public static async Task<DashboardHttp> SignInAsync(Uri baseAddress, string email = TestNode.OwnerEmail, string password = TestNode.OwnerPassword, TimeSpan? timeout = null)
    {
        var dashboard = Anonymous(baseAddress, timeout);
        var form = Assert.Single(await dashboard.FormsAsync("/signin"));
        form.Fields["Form.Email"] = email;
        form.Fields["Form.Password"] = password;
        using var response = await dashboard.PostAsync(form);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return dashboard;
    }

    /// <summary>A client with its own cookie jar that follows no redirects, not signed in.</summary>
    public static DashboardHttp Anonymous(Uri baseAddress, TimeSpan? timeout = null)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new DashboardHttp(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) }, cookies);
    }

    /// <summary>The POST forms of a page: where each posts to and its fields with their current values (hidden ones included).</summary>
    public async Task<IReadOnlyList<HtmlForm>> FormsAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        string html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            string attributes = form.Groups["attributes"].Value;
            if (!Attribute(attributes, "method").Equals("post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string action = WebUtility.HtmlDecode(Attribute(attributes, "action"));
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in FieldPattern().Matches(form.Groups["body"].Value))
            {
                string name = WebUtility.HtmlDecode(Attribute(input.Value, "name"));
                if (name.Length > 0)
                {
                    fields[name] = input.Groups["tag"].Value.Equals("textarea", StringComparison.OrdinalIgnoreCase)
                        ? WebUtility.HtmlDecode(input.Groups["text"].Value)
                        : WebUtility.HtmlDecode(Attribute(input.Value, "value"));
                }
            }

            forms.Add(new HtmlForm(path, action.Length == 0 ? path : action, fields));
        }

        return forms;
    }

    /// <summary>Posts a form as a browser would (URL-encoded).</summary>
    public Task<HttpResponseMessage> PostAsync(HtmlForm form, CancellationToken cancellationToken = default) =>
        Client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields), cancellationToken);

    private static string Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"""\s{name}="(?<v>[^"]*)"|\s{name}='(?<v>[^']*)'""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : "";
    }

    [GeneratedRegex("""<form(?<attributes>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<(?<tag>input|select|textarea)\b[^>]*>(?:(?<text>[^<]*)</textarea>)?""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FieldPattern();

    public void Dispose() => Client.Dispose();
}

/// <summary>A form read from a dashboard page.</summary>
public sealed record HtmlForm(string Page, string Action, Dictionary<string, string> Fields);
