using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Platform.Web.Pages;

[AllowAnonymous, IgnoreAntiforgeryToken, ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string? TraceId { get; private set; }

    public IActionResult OnGet() => Handle();
    public IActionResult OnPost() => Handle();
    public IActionResult OnPut() => Handle();
    public IActionResult OnDelete() => Handle();

    private IActionResult Handle()
    {
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var failedPath = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (failedPath.StartsWith("/api", StringComparison.Ordinal))
            return new ObjectResult(new ProblemDetails
            {
                Status = 500, Title = "An unexpected error occurred.", Detail = $"Reference {TraceId}.",
            }) { StatusCode = 500, ContentTypes = { "application/problem+json" } };
        return Page();
    }
}
