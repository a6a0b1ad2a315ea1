using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>
/// A QR code as inline SVG. Drawn here from the module matrix rather than by QRCoder's own renderer, so the
/// markup is known to carry no style attribute or script that the Content-Security-Policy would block.
/// </summary>
public static class QrCodeSvg
{
    public static IHtmlContent Render(string text, string label)
    {
        var modules = QrCodeModules.Of(text);
        var size = modules.Size;
        var path = new StringBuilder();
        foreach (var run in modules.DarkRuns)
        {
            path.Append(CultureInfo.InvariantCulture, $"M{run.X} {run.Y}h{run.Length}v1h-{run.Length}z");
        }

        var encodedLabel = HtmlEncoder.Default.Encode(label);
        return new HtmlString(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{encodedLabel}\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
