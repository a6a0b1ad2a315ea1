using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>
/// A QR code as inline SVG. Drawn here from the module matrix rather than by QRCoder's own renderer, so the
/// markup is known to carry no style attribute or script that the Content-Security-Policy would block.
/// </summary>
public static class QrCodeSvg
{
    public static IHtmlContent Render(string text, string label)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            var x = 0;
            while (x < size)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                // One rectangle per horizontal run of dark modules keeps the path short.
                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1h-{x - start}z");
            }
        }

        var encodedLabel = HtmlEncoder.Default.Encode(label);
        return new HtmlString(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{encodedLabel}\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
