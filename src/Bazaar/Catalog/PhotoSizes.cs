using SkiaSharp;

namespace Bazaar.Catalog;

/// <summary>
/// Turns an upload into the shop's standard sizes. The type is decided by the file's first bytes
/// (never by its name or the browser's word), the dimensions are read before any pixel is decoded
/// (a tiny file that claims to be 50,000 × 50,000 is refused, not allocated), and what is stored is
/// re-encoded by us, so nothing the uploader wrote inside the file reaches a shopper's browser.
/// </summary>
public static class PhotoSizes
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 8000;
    public static readonly IReadOnlyDictionary<string, int> Sides = new Dictionary<string, int>
    {
        ["thumb"] = 160,
        ["medium"] = 480,
        ["large"] = 1024,
    };

    public static string? KindOf(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => null,
    };

    /// <summary>The sizes, or why the upload is not a picture we take.</summary>
    public static (List<ProductPhotoFile>? Files, int Width, int Height, string? Error) Resize(byte[] upload)
    {
        if (upload.Length == 0)
            return (null, 0, 0, "The file is empty.");
        if (upload.Length > MaxBytes)
            return (null, 0, 0, $"A picture can be at most {MaxBytes / 1024 / 1024} MB.");
        if (KindOf(upload) is null)
            return (null, 0, 0, "Only JPEG, PNG and WebP pictures are accepted.");
        using var codec = SKCodec.Create(new SKMemoryStream(upload));
        if (codec is null)
            return (null, 0, 0, "The file is not a readable picture.");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || info.Width > MaxSide || info.Height > MaxSide)
            return (null, 0, 0, $"A picture can be at most {MaxSide} × {MaxSide} pixels.");
        using var original = SKBitmap.Decode(codec, new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (original is null)
            return (null, 0, 0, "The file is not a readable picture.");

        var files = new List<ProductPhotoFile>();
        foreach (var (size, side) in Sides)
        {
            var scale = Math.Min(1.0, (double)side / Math.Max(info.Width, info.Height));
            var width = Math.Max(1, (int)Math.Round(info.Width * scale));
            var height = Math.Max(1, (int)Math.Round(info.Height * scale));
            using var resized = original.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul),
                new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized);
            using var encoded = image.Encode(SKEncodedImageFormat.Webp, 82);
            files.Add(new ProductPhotoFile { Size = size, Width = width, Height = height, Bytes = encoded.ToArray() });
        }
        return (files, info.Width, info.Height, null);
    }
}
