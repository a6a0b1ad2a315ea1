using QRCoder;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>
/// A QR code's dark modules as horizontal runs, quiet zone included, for drawing it as vector shapes (in SVG on
/// pages, as rectangles in PDFs) rather than as a bitmap.
/// </summary>
/// <param name="Size">Modules per side.</param>
public sealed record QrCodeModules(int Size, IReadOnlyList<QrCodeRun> DarkRuns)
{
    public static QrCodeModules Of(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var runs = new List<QrCodeRun>();
        for (var y = 0; y < matrix.Count; y++)
        {
            var row = matrix[y];
            var x = 0;
            while (x < matrix.Count)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                // One shape per horizontal run of dark modules keeps the drawing short.
                var start = x;
                while (x < matrix.Count && row[x])
                {
                    x++;
                }

                runs.Add(new QrCodeRun(start, y, x - start));
            }
        }

        return new QrCodeModules(matrix.Count, runs);
    }
}

public readonly record struct QrCodeRun(int X, int Y, int Length);
