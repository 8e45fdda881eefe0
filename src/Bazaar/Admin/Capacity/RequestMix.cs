namespace Bazaar.Admin.Capacity;

/// <summary>
/// One kind of request in the shop's traffic: its share of all requests and the CPU time one
/// request needs from the shop (service demand) and, where known, from the database.
/// </summary>
public sealed record RequestKind(string Name, double Share, double ServiceSeconds, double DatabaseSeconds = 0);

/// <summary>The traffic as the model sees it: kinds of requests with shares that add up to 1.</summary>
public sealed class RequestMix
{
    public IReadOnlyList<RequestKind> Kinds { get; }

    public RequestMix(IEnumerable<RequestKind> kinds)
    {
        var list = kinds.Where(k => k.Share > 0).ToList();
        if (list.Count == 0)
            throw new ArgumentException("The request mix is empty: give at least one kind of request with a share above 0.");
        foreach (var k in list)
            if (!(k.ServiceSeconds > 0) || double.IsInfinity(k.ServiceSeconds))
                throw new ArgumentException($"'{k.Name}' needs a service time above 0.");
        // Shares may be given as percentages or counts: the model only needs their proportions.
        var total = list.Sum(k => k.Share);
        Kinds = list.Select(k => k with { Share = k.Share / total }).ToList();
    }

    /// <summary>Mean CPU seconds of one request of the mix: what an M/M/c server's 1/μ stands for.</summary>
    public double MeanServiceSeconds => Kinds.Sum(k => k.Share * k.ServiceSeconds);

    public double MeanDatabaseSeconds => Kinds.Sum(k => k.Share * k.DatabaseSeconds);
}
