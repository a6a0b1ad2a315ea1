using PdfSharp;
using PdfSharp.Fonts;

namespace GrantPortal.Web.Infrastructure.Pdf;

public sealed class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are (Debian's fonts-dejavu-core puts them here).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>
/// PDFsharp's process-wide settings: the AGPL licence and the fonts. PDFsharp keeps both in statics and wants the
/// font resolver set once, before any text is measured; every document of ours is in DejaVu Sans, which has
/// Cyrillic and the rouble sign.
/// </summary>
public static class PdfFonts
{
    /// <summary>The one font family our documents use.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static string? _configuredDirectory;

    public static bool IsConfigured
    {
        get
        {
            lock (Gate)
            {
                return _configuredDirectory is not null;
            }
        }
    }

    /// <summary>Sets the licence and the fonts from <paramref name="directory"/>; again with the same directory, does nothing.</summary>
    /// <exception cref="PdfFontsMissingException">A font file is missing or unreadable.</exception>
    /// <exception cref="InvalidOperationException">The fonts were already taken from another directory.</exception>
    public static void Configure(string directory)
    {
        var fullDirectory = Path.GetFullPath(directory);
        lock (Gate)
        {
            if (_configuredDirectory == fullDirectory)
            {
                return;
            }

            var fonts = Load(fullDirectory);
            if (_configuredDirectory is not null)
            {
                throw new InvalidOperationException(
                    $"PDF fonts are already taken from {_configuredDirectory}; PDFsharp cannot change them in a running process.");
            }

            PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new DejaVuResolver(fonts);
            _configuredDirectory = fullDirectory;
        }
    }

    private static Dictionary<string, byte[]> Load(string directory)
    {
        var fonts = new Dictionary<string, byte[]>();
        foreach (var face in new[] { Regular, Bold })
        {
            var file = Path.Combine(directory, face + ".ttf");
            try
            {
                fonts[face] = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PdfFontsMissingException(
                    $"The decision PDFs need the font {file}, which could not be read ({e.Message}). Install the Debian package " +
                    $"fonts-dejavu-core, or set {PdfOptions.Section}:{nameof(PdfOptions.FontDirectory)} to a folder holding " +
                    $"{Regular}.ttf and {Bold}.ttf.",
                    e);
            }
        }

        return fonts;
    }

    /// <summary>Every family asked for is DejaVu Sans; italics are slanted by PDFsharp (core fonts have no oblique face).</summary>
    private sealed class DejaVuResolver(Dictionary<string, byte[]> fonts) : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) => fonts.GetValueOrDefault(faceName);
    }
}

public sealed class PdfFontsMissingException(string message, Exception inner) : Exception(message, inner);
