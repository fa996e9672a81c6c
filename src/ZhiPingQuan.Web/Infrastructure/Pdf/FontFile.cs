using System.Buffers.Binary;
using System.Text;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>
/// Extracts one face of a font collection (.ttc) as a stand-alone font and rewrites its Unicode
/// character map so that text copied out of our PDFs is the text we drew.
/// <para>
/// Why: Noto Sans CJK maps many ideographs also from the Kangxi radical blocks (U+2E80–U+2FDF):
/// 一 (U+4E00) and ⼀ (U+2F00) share one glyph. Skia writes each glyph's ToUnicode entry from the
/// lowest code point that maps to it, so "统一社会信用代码" would be extracted as "统⼀社会信⽤代码" —
/// a different string that no search finds (likewise 胶 U+80F6 and 㬵 U+3B35). Dropping, for each shared
/// glyph, the code points below the one a reader should get (<see cref="Rank"/>) leaves that one as the
/// lowest. Text that contains a dropped code point is drawn with the kept one (<see cref="Substitutes"/>) —
/// the same glyph.
/// </para>
/// </summary>
internal sealed class FontFile
{
    /// <summary>Which of several code points drawn with one glyph a reader should get: common ideographs first, radicals last.</summary>
    private static int Rank(int codePoint) => codePoint switch
    {
        >= 0x4E00 and <= 0x9FFF => 0,   // CJK unified ideographs (the common ones)
        >= 0x2E80 and <= 0x2FDF => 3,   // CJK radicals supplement, Kangxi radicals
        >= 0xF900 and <= 0xFAFF => 2,   // compatibility ideographs
        _ => 1,
    };

    private FontFile(byte[] data, IReadOnlyDictionary<int, int> substitutes)
    {
        Data = data;
        Substitutes = substitutes;
    }

    /// <summary>The stand-alone font (OpenType/TrueType) with the rewritten character map.</summary>
    public byte[] Data { get; }

    /// <summary>Dropped code point → the code point drawn with the same glyph.</summary>
    public IReadOnlyDictionary<int, int> Substitutes { get; }

    /// <summary>Null when the file is not a font this reader understands (then the caller loads it as it is).</summary>
    public static FontFile? Read(byte[] file, int faceIndex)
    {
        try
        {
            return ReadFace(file, faceIndex);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
        {
            return null;
        }
    }

    private static FontFile? ReadFace(byte[] file, int faceIndex)
    {
        var span = file.AsSpan();
        int faceOffset;
        if (Tag(span, 0) == "ttcf")
        {
            var faces = (int)U32(span, 8);
            if (faceIndex < 0 || faceIndex >= faces)
            {
                return null;
            }
            faceOffset = (int)U32(span, 12 + 4 * faceIndex);
        }
        else
        {
            if (faceIndex != 0)
            {
                return null;
            }
            faceOffset = 0;
        }

        var sfntVersion = U32(span, faceOffset);
        var tableCount = U16(span, faceOffset + 4);
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < tableCount; i++)
        {
            var record = faceOffset + 12 + 16 * i;
            var offset = (int)U32(span, record + 8);
            var length = (int)U32(span, record + 12);
            tables[Tag(span, record)] = span.Slice(offset, length).ToArray();
        }
        if (!tables.TryGetValue("cmap", out var cmap))
        {
            return null;
        }

        var (map, variationSubtable) = ReadCmap(cmap);
        if (map.Count == 0)
        {
            return null;
        }
        // Skia takes a glyph's lowest code point for ToUnicode: drop the code points below the one a reader should get.
        var substitutes = new Dictionary<int, int>();
        var preferred = new Dictionary<int, int>();   // glyph → the code point extraction should give
        foreach (var (codePoint, glyph) in map)
        {
            if (!preferred.TryGetValue(glyph, out var current) || Rank(codePoint) < Rank(current))
            {
                preferred[glyph] = codePoint;
            }
        }
        foreach (var (codePoint, glyph) in map.ToList())
        {
            var wanted = preferred[glyph];
            if (codePoint < wanted)
            {
                map.Remove(codePoint);
                substitutes[codePoint] = wanted;
            }
        }
        tables["cmap"] = WriteCmap(map, variationSubtable);
        return new FontFile(WriteFont(sfntVersion, tables), substitutes);
    }

    /// <summary>The Unicode map (from the format 12 subtable, else format 4) and the variation-sequence subtable if any.</summary>
    private static (SortedDictionary<int, int> Map, byte[]? Variations) ReadCmap(byte[] cmap)
    {
        var span = cmap.AsSpan();
        var count = U16(span, 2);
        int? format12 = null, format4 = null;
        byte[]? variations = null;
        for (var i = 0; i < count; i++)
        {
            var platform = U16(span, 4 + 8 * i);
            var encoding = U16(span, 6 + 8 * i);
            var offset = (int)U32(span, 8 + 8 * i);
            var format = U16(span, offset);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (format == 12 && unicode)
            {
                format12 ??= offset;
            }
            else if (format == 4 && unicode)
            {
                format4 ??= offset;
            }
            else if (format == 14 && platform == 0 && encoding == 5)
            {
                variations = span.Slice(offset, (int)U32(span, offset + 2)).ToArray();
            }
        }

        var map = new SortedDictionary<int, int>();
        if (format12 is { } f12)
        {
            var groups = (int)U32(span, f12 + 12);
            for (var g = 0; g < groups; g++)
            {
                var at = f12 + 16 + 12 * g;
                var (start, end, glyph) = ((int)U32(span, at), (int)U32(span, at + 4), (int)U32(span, at + 8));
                for (var c = start; c <= end; c++)
                {
                    map[c] = glyph + (c - start);
                }
            }
        }
        else if (format4 is { } f4)
        {
            var segments = U16(span, f4 + 6) / 2;
            var ends = f4 + 14;
            var starts = ends + 2 * segments + 2;
            var deltas = starts + 2 * segments;
            var rangeOffsets = deltas + 2 * segments;
            for (var s = 0; s < segments; s++)
            {
                var (start, end) = (U16(span, starts + 2 * s), U16(span, ends + 2 * s));
                var delta = (short)U16(span, deltas + 2 * s);
                var rangeOffset = U16(span, rangeOffsets + 2 * s);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var raw = U16(span, rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
                        glyph = raw == 0 ? 0 : (raw + delta) & 0xFFFF;
                    }
                    if (glyph != 0)
                    {
                        map[c] = glyph;
                    }
                }
            }
        }
        return (map, variations);
    }

    /// <summary>A cmap with one format 12 subtable for (3,10) and (0,4), plus the variation sequences when there were any.</summary>
    private static byte[] WriteCmap(SortedDictionary<int, int> map, byte[]? variations)
    {
        var groups = new List<(int Start, int End, int Glyph)>();
        foreach (var (c, g) in map)
        {
            if (groups.Count > 0 && groups[^1].End == c - 1 && groups[^1].Glyph + (c - groups[^1].Start) == g)
            {
                groups[^1] = groups[^1] with { End = c };
            }
            else
            {
                groups.Add((c, c, g));
            }
        }
        var subtable = new byte[16 + 12 * groups.Count];
        BinaryPrimitives.WriteUInt16BigEndian(subtable, 12);
        BinaryPrimitives.WriteUInt32BigEndian(subtable.AsSpan(4), (uint)subtable.Length);
        BinaryPrimitives.WriteUInt32BigEndian(subtable.AsSpan(12), (uint)groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var at = subtable.AsSpan(16 + 12 * i);
            BinaryPrimitives.WriteUInt32BigEndian(at, (uint)groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(at[4..], (uint)groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(at[8..], (uint)groups[i].Glyph);
        }

        var records = variations is null ? 2 : 3;
        var header = 4 + 8 * records;
        using var cmap = new MemoryStream();
        var head = new byte[header];
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(2), (ushort)records);
        // Records sorted by platform, then encoding: (0,4), (0,5), (3,10).
        var variationsOffset = header + subtable.Length;
        var entries = new List<(ushort Platform, ushort Encoding, int Offset)> { (0, 4, header) };
        if (variations is not null)
        {
            entries.Add((0, 5, variationsOffset));
        }
        entries.Add((3, 10, header));
        for (var i = 0; i < entries.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(4 + 8 * i), entries[i].Platform);
            BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(6 + 8 * i), entries[i].Encoding);
            BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8 + 8 * i), (uint)entries[i].Offset);
        }
        cmap.Write(head);
        cmap.Write(subtable);
        if (variations is not null)
        {
            cmap.Write(variations);
        }
        return cmap.ToArray();
    }

    private static byte[] WriteFont(uint sfntVersion, SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var directory = 12 + 16 * count;
        var size = directory + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(count * 16 - searchRange));
        var offset = directory;
        var index = 0;
        foreach (var (tag, data) in tables)
        {
            var record = span[(12 + 16 * index)..];
            Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            offset += (data.Length + 3) & ~3;
            index++;
        }
        return font;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }
            sum = unchecked(sum + word);
        }
        return sum;
    }

    private static string Tag(ReadOnlySpan<byte> span, int at) => Encoding.ASCII.GetString(span.Slice(at, 4));

    private static ushort U16(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt16BigEndian(span[at..]);

    private static uint U32(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
}
