namespace Bazaar.Admin.Capacity;

/// <summary>One class of requests in the design document's load model: how many, and the weight of each.</summary>
public sealed record LoadClass(string Name, double Volume, double Weight);

/// <summary>
/// The design document's load model, L(t) = f(t) + ε(t): f is the sum over request classes of
/// weight × volume (weights in seconds of work make L the work the period brings), ε a noise term
/// whose size is η × f. Its worked example: 10,000 requests a day, 80 % normal at 1 s and 20 % at
/// peak at 2 s, η = 0.1, gives L ≈ 12,000 at t = 86,400 s (8,000 + 4,000; ε averages out).
/// </summary>
public sealed record LoadModel(IReadOnlyList<LoadClass> Classes, double Noise)
{
    public static LoadModel WorkedExample { get; } = new(
        [new LoadClass("normal", 8_000, 1), new LoadClass("peak", 2_000, 2)], Noise: 0.1);

    public double Expected => Classes.Sum(c => c.Weight * c.Volume);

    /// <summary>The band ε moves L within: f ± η f.</summary>
    public (double Low, double High) Band => (Expected * (1 - Noise), Expected * (1 + Noise));

    /// <summary>
    /// How busy the load keeps <paramref name="servers"/> servers over <paramref name="periodSeconds"/>,
    /// when the weights are seconds of work: 12,000 s of work in a day is 0.14 of one server.
    /// </summary>
    public double Utilisation(int servers, double periodSeconds) => Expected / (servers * periodSeconds);
}
