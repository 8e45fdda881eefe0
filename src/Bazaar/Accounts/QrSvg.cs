using System.Globalization;
using System.Text;
using QRCoder;

namespace Bazaar.Accounts;

/// <summary>
/// A QR code as one SVG path drawn here, from QRCoder's module matrix: no image request that could
/// leak the key to a log, no style attribute for the CSP to refuse, nothing but squares.
/// </summary>
public static class QrSvg
{
    public static string Of(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < rows.Count; y++)
            for (var x = 0; x < rows[y].Length; x++)
                if (rows[y][x])
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        var size = rows.Count;
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\" data-testid=\"qr\">"
               + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
