namespace Omnia.Server.Hosting;

/// <summary>Whether this node is ready to serve (start-up work such as loading the demo data is done).</summary>
public sealed class Readiness
{
    private volatile string _status = "starting";

    public bool IsReady => _status == "ready";

    public string Status => _status;

    public void Set(string status) => _status = status;
}
