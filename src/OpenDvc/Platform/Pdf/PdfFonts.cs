using SkiaSharp;

namespace OpenDvc.Platform.Pdf;

/// <summary>
/// The typefaces every OpenDVC PDF is set in: DejaVu Sans (regular and bold), embedded in the program, because it has
/// every Vietnamese letter with its tone marks and needs nothing installed on the server (licence:
/// Fonts/LICENSE-DejaVu.txt). Loaded once per process; Skia typefaces are immutable and shared across threads.
/// </summary>
public static class PdfFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string face)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"OpenDvc.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face} is not embedded in the program.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {face} could not be read.");
    }
}
