using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Security;

/// <summary>Who may knock on a door: the table in <see cref="DoorTable"/> names one for each.</summary>
public enum Caller { Anonymous, Customer, Admin, Partner }

/// <summary>One method on one route, as the table names it ("GET /orders/{id:guid}"), and a path that reaches it.</summary>
public sealed record Door(string Method, string Route, string SamplePath, bool IsPage, string? Source = null)
{
    public string Key => $"{Method} {Route}";
    public bool IsApi => Route.StartsWith("/api", StringComparison.Ordinal);
    public override string ToString() => $"{Method} {SamplePath}";
}

/// <summary>Every door of the app, read from its own endpoint list, so a new route cannot be forgotten.</summary>
public static class Doors
{
    /// <summary>The fingerprinted files of MapStaticAssets are hundreds of endpoints with one decision between them.</summary>
    public const string StaticAssets = "/{static-asset}";

    public static List<Door> All(IServiceProvider services)
    {
        var doors = new List<Door>();
        string? anyAsset = null;
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                anyAsset ??= route;
                continue;
            }
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                || endpoint.Metadata.OfType<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>().Any(a => a is CompiledPageActionDescriptor);
            // A page answers whatever method its handlers take; the two a browser sends are what an attacker tries.
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? (isPage ? ["GET", "POST"] : ["GET"]);
            foreach (var method in methods)
                doors.Add(new Door(method, route, Sample(route), isPage, endpoint.DisplayName));
        }
        if (anyAsset is not null)
            doors.Add(new Door("GET", StaticAssets, anyAsset, false));
        return doors.DistinctBy(d => d.Key).OrderBy(d => d.Route, StringComparer.Ordinal).ThenBy(d => d.Method).ToList();
    }

    /// <summary>The route with plausible values in its parameters: an id that parses, an optional one left out.</summary>
    private static string Sample(string route)
    {
        var path = Regex.Replace(route, @"\{\**(\w+)(:[^}?]*)?(\?)?\}", m =>
            m.Groups[3].Success ? "" : m.Groups[2].Value switch
            {
                ":guid" => Guid.NewGuid().ToString(),
                ":int" => "1",
                ":file" => "missing.txt",
                _ => m.Groups[1].Value == "documentName" ? "v1" : "x",
            }).TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }
}
