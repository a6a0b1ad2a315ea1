using System.IO.Compression;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Documents;

namespace GrantPortal.Web.Tests.Features.Documents;

public sealed class DocumentFormatsTests
{
    public static TheoryData<string, byte[], DocumentKind?> Files => new()
    {
        { "pdf", DocumentFiles.Pdf(), DocumentKind.Pdf },
        { "png", DocumentFiles.Png(), DocumentKind.Png },
        { "jpeg", DocumentFiles.Jpeg(), DocumentKind.Jpeg },
        { "docx", DocumentFiles.Docx(), DocumentKind.Docx },
        { "xlsx", DocumentFiles.Xlsx(), DocumentKind.Xlsx },
        { "executable", DocumentFiles.Executable(), null },
        { "macro-enabled docx", DocumentFiles.Docx("word/vbaProject.bin"), null },
        { "plain zip", DocumentFiles.Zip("readme.txt"), null },
        { "zip without content types", DocumentFiles.Zip("word/document.xml"), null },
        { "truncated zip", DocumentFiles.Docx()[..40], null },
        { "text", "hello, world"u8.ToArray(), null },
        { "pdf signature not at the start", [0x20, .. DocumentFiles.Pdf()], null },
        { "empty", [], null },
        { "pdf with lines after %%EOF", [.. DocumentFiles.Pdf(), .. "\r\n\n"u8.ToArray()], DocumentKind.Pdf },
        { "png with a zip after IEND", [.. DocumentFiles.Png(), .. DocumentFiles.Zip("readme.txt")], null },
        { "png with a program after IEND", [.. DocumentFiles.Png(), .. DocumentFiles.Executable()], null },
        { "png cut short", DocumentFiles.Png()[..^6], null },
        { "jpeg with a zip after EOI", [.. DocumentFiles.Jpeg(), .. DocumentFiles.Zip("readme.txt")], null },
        { "jpeg with a program after EOI", [.. DocumentFiles.Jpeg(), .. DocumentFiles.Executable()], null },
        { "jpeg padded with zeros", [.. DocumentFiles.Jpeg(), 0, 0, 0], DocumentKind.Jpeg },
        { "jpeg without EOI", DocumentFiles.Jpeg()[..^2], null },
        { "pdf with a zip after %%EOF", [.. DocumentFiles.Pdf(), .. DocumentFiles.Zip("readme.txt")], null },
        { "pdf with a program after %%EOF", [.. DocumentFiles.Pdf(), .. DocumentFiles.Executable()], null },
        { "pdf with a zip inside, before %%EOF", [.. DocumentFiles.Pdf()[..^7], .. DocumentFiles.Zip("readme.txt"), .. "\n%%EOF\n"u8.ToArray()], null },
        { "pdf without %%EOF", DocumentFiles.Pdf()[..^7], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Detect_RecognisesAFileByItsContent(string name, byte[] content, DocumentKind? expected)
    {
        using var stream = new MemoryStream(content);

        Assert.True(expected == DocumentFormats.Detect(stream), name);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Detect_RefusesAZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            zip.CreateEntry("word/document.xml").Open().Dispose();
            using var bomb = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i <= DocumentFormats.MaxUnpackedBytes / zeros.Length; i++)
            {
                bomb.Write(zeros);
            }
        }

        Assert.True(stream.Length < 5 * 1024 * 1024);
        Assert.Null(DocumentFormats.Detect(stream));
    }

    [Theory]
    [InlineData("plan.pdf", DocumentKind.Pdf, "plan.pdf")]
    [InlineData("План проекта.PDF", DocumentKind.Pdf, "План проекта.pdf")]
    [InlineData("../../etc/passwd", DocumentKind.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\ivan\\Desktop\\smeta.xlsx", DocumentKind.Xlsx, "smeta.xlsx")]
    [InlineData("..\\..\\x.pdf", DocumentKind.Pdf, "x.pdf")]
    [InlineData("/etc/passwd\0.pdf", DocumentKind.Pdf, "passwd.pdf")]
    [InlineData("report.pdf\0.exe", DocumentKind.Pdf, "report.pdf.exe.pdf")]
    [InlineData("setup.exe", DocumentKind.Pdf, "setup.exe.pdf")]
    [InlineData("photo.jpeg", DocumentKind.Jpeg, "photo.jpeg")]
    [InlineData("invoice\u202Efdp.exe", DocumentKind.Pdf, "invoicefdp.exe.pdf")]
    [InlineData("a<b>:c\"d|e?f*.docx", DocumentKind.Docx, "abcdef.docx")]
    [InlineData("line\r\nbreak.png", DocumentKind.Png, "linebreak.png")]
    [InlineData("...", DocumentKind.Pdf, "document.pdf")]
    [InlineData("", DocumentKind.Pdf, "document.pdf")]
    public void SafeFileName_KeepsOnlyAHarmlessNameWithTheRealExtension(string uploaded, DocumentKind kind, string expected) =>
        Assert.Equal(expected, DocumentFormats.SafeFileName(uploaded, kind));

    [Fact]
    public void SafeFileName_IsAtMost150Characters()
    {
        var name = DocumentFormats.SafeFileName(new string('я', 400) + ".pdf", DocumentKind.Pdf);

        Assert.Equal(150, name.Length);
        Assert.EndsWith("я.pdf", name);
    }
}
