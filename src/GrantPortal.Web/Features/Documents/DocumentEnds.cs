using System.Buffers.Binary;

namespace GrantPortal.Web.Features.Documents;

/// <summary>
/// Whether a PDF, PNG or JPEG ends where its format says it ends. A polyglot (an image or a PDF with a ZIP archive or
/// a program glued to it) starts as a harmless file and passes a check of the first bytes, but an archiver or a
/// careless script downstream opens the other half. Real files have nothing after their end marker, so anything
/// there refuses the file. We look for structure, not for "PK" or "MZ" anywhere in the file: compressed image and PDF
/// data contain any byte sequence by chance, and a scan for them would refuse real files.
/// <list type="bullet">
/// <item>PNG: the chunks are walked by their lengths to IEND; nothing may follow it.</item>
/// <item>JPEG: the segments are walked by their lengths, the scan data to its next marker, up to EOI; only zero
/// padding may follow (some scanners pad). Phones' "motion photos" (a video after EOI) are refused too.</item>
/// <item>PDF: after the last %%EOF only line ends and blanks may follow, and the last 64 KiB carry no ZIP end record
/// (a ZIP reader looks for it there, so an archive hidden inside the last object would still open).</item>
/// </list>
/// </summary>
internal static class DocumentEnds
{
    private const int ZipEndSearch = 65_535 + 22;

    public static bool PngEndsCleanly(Stream file)
    {
        file.Position = 8;
        Span<byte> header = stackalloc byte[8];
        while (file.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var end = file.Position + length + 4; // the data and its CRC
            if (length > int.MaxValue || end > file.Length)
            {
                return false;
            }

            if (header[4..].SequenceEqual("IEND"u8))
            {
                return end == file.Length;
            }

            file.Position = end;
        }

        return false;
    }

    public static bool JpegEndsCleanly(Stream file)
    {
        file.Position = 2; // after SOI
        var reader = new Bytes(file);
        var inScan = false;
        while (true)
        {
            var b = reader.ReadByte();
            if (b < 0)
            {
                return false;
            }

            if (b != 0xFF)
            {
                if (inScan)
                {
                    continue;
                }

                return false; // between segments only markers may stand
            }

            var marker = reader.ReadByte();
            while (marker == 0xFF)
            {
                marker = reader.ReadByte(); // fill bytes
            }

            if (marker < 0)
            {
                return false;
            }

            if (marker == 0x00 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01)
            {
                continue; // a stuffed 0xFF in scan data, a restart marker, TEM: no length follows
            }

            if (marker == 0xD9)
            {
                return OnlyZerosFollow(reader);
            }

            var high = reader.ReadByte();
            var low = reader.ReadByte();
            if (low < 0)
            {
                return false;
            }

            var length = (high << 8) | low;
            if (length < 2 || reader.Remaining < length - 2)
            {
                return false;
            }

            reader.Skip(length - 2);
            inScan = marker == 0xDA; // after the scan header come the entropy-coded data, up to the next marker
        }
    }

    public static bool PdfEndsCleanly(Stream file)
    {
        var tailLength = (int)Math.Min(file.Length, ZipEndSearch);
        var tail = new byte[tailLength];
        file.Position = file.Length - tailLength;
        file.ReadExactly(tail);
        var span = tail.AsSpan();
        var eof = span.LastIndexOf("%%EOF"u8);
        if (eof < 0 || span.IndexOf((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]) >= 0)
        {
            return false;
        }

        foreach (var b in span[(eof + 5)..])
        {
            if (b is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyZerosFollow(Bytes reader)
    {
        int b;
        while ((b = reader.ReadByte()) >= 0)
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Byte by byte through a stream, a buffer at a time.</summary>
    private sealed class Bytes(Stream file)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _count;
        private int _next;

        public long Remaining => file.Length - file.Position + _count - _next;

        public int ReadByte()
        {
            if (_next == _count)
            {
                _count = file.Read(_buffer);
                _next = 0;
                if (_count == 0)
                {
                    return -1;
                }
            }

            return _buffer[_next++];
        }

        public void Skip(long bytes)
        {
            var buffered = Math.Min(bytes, _count - _next);
            _next += (int)buffered;
            file.Position += bytes - buffered;
        }
    }
}
