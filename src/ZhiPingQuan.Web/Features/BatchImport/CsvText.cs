using System.Text;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>
/// A batch list saved as CSV: its encoding decided from the bytes (never from the file name), then its records.
/// Excel and WPS on a Chinese Windows save "CSV" in GBK and "CSV UTF-8" in UTF-8 with a byte-order mark; other
/// tools write UTF-8 without one. UTF-8 is tried first (GBK text is practically never valid UTF-8), then
/// GB18030, the superset of GBK. A file with lines of both, or of neither, is refused rather than shown as
/// mojibake, and so is a quote that never closes (everything after it would become one cell).
/// <para>
/// Our own code rather than ExcelDataReader's CSV reader: 3.6.0 decodes a file without BOM with an encoding
/// chosen in advance (GBK read as Windows-1252 is mojibake; no detection, no mixed-encoding check), and an
/// unclosed quote silently takes the rest of the file into one cell.
/// </para>
/// </summary>
internal static class CsvText
{
    public const string Utf8Name = "UTF-8";
    public const string Gb18030Name = "GB18030/GBK";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Result(IReadOnlyList<string[]> Records, string EncodingName, char Separator, string? Error);

    private static Result Refused(string error) => new([], string.Empty, ',', error);

    public static Result Read(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Refused("文件是UTF-16编码的文本（Excel的“Unicode文本”），名单只接受UTF-8或GB18030/GBK编码的CSV。请在Excel或WPS中另存为“CSV UTF-8（逗号分隔）”后再上传。");
        }
        if (LooksBinary(bytes))
        {
            return Refused("文件内容不是Excel工作簿，也不是CSV文本（只修改扩展名无效）。请上传按模板填写的.xlsx、.xls或.csv文件。");
        }

        var (text, encodingName, error) = Decode(bytes);
        if (error is not null)
        {
            return Refused(error);
        }
        var separator = DetectSeparator(text!);
        var (records, parseError) = Parse(text!, separator);
        return parseError is not null ? Refused(parseError) : new Result(records, encodingName!, separator, null);
    }

    /// <summary>NUL bytes, or more than a few control characters: an executable, an image, a zip renamed .csv.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var controls = 0;
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A))
            {
                controls++;
            }
        }
        return controls > Math.Max(4, bytes.Length / 1000);
    }

    private static (string? Text, string? EncodingName, string? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> utf8Bom = [0xEF, 0xBB, 0xBF];
        ReadOnlySpan<byte> gb18030Bom = [0x84, 0x31, 0x95, 0x33];
        if (bytes.StartsWith(gb18030Bom) && TryDecode(GB18030, bytes[gb18030Bom.Length..], out var marked))
        {
            return (marked, Gb18030Name, null);
        }
        var hasBom = bytes.StartsWith(utf8Bom);
        var body = hasBom ? bytes[utf8Bom.Length..] : bytes;
        if (TryDecode(StrictUtf8, body, out var utf8))
        {
            return (utf8, Utf8Name, null);
        }

        // Not UTF-8 as a whole: lines that are UTF-8 next to lines that are not mean two encodings in one file
        // (a list pasted together from two exports). GB18030 would "decode" the UTF-8 lines too — as mojibake.
        var (firstUtf8Line, firstOtherLine) = ClassifyLines(body);
        if (firstUtf8Line is { } u && firstOtherLine is { } o)
        {
            return (null, null,
                $"无法确定文件的文字编码：第{u}行等是{Utf8Name}编码，第{o}行等却不是，文件中混有{Utf8Name}和{Gb18030Name}两种编码的内容。请在Excel或WPS中打开名单，另存为“CSV UTF-8（逗号分隔）”后再上传。");
        }
        if (!hasBom && TryDecode(GB18030, body, out var gb))
        {
            return (gb, Gb18030Name, null);
        }
        return (null, null,
            $"无法确定文件的文字编码：按{Utf8Name}和{Gb18030Name}读取都不正确{(hasBom ? "（文件开头标明是UTF-8，但其中有不是UTF-8的内容）" : string.Empty)}。请在Excel或WPS中打开名单，另存为“CSV UTF-8（逗号分隔）”后再上传。");
    }

    private static Encoding GB18030 { get; } = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>The first (1-based) physical line that is UTF-8 with non-ASCII text, and the first that is not UTF-8.</summary>
    private static (int? Utf8Line, int? OtherLine) ClassifyLines(ReadOnlySpan<byte> bytes)
    {
        int? utf8Line = null, otherLine = null;
        var line = 0;
        while (!bytes.IsEmpty && (utf8Line is null || otherLine is null))
        {
            line++;
            var end = bytes.IndexOf((byte)'\n');
            var current = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (!current.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
            {
                continue;
            }
            if (TryDecode(StrictUtf8, current, out _))
            {
                utf8Line ??= line;
            }
            else
            {
                otherLine ??= line;
            }
        }
        return (utf8Line, otherLine);
    }

    /// <summary>Tab when the first lines hold more tabs than commas (Excel's "text (tab-separated)"), else comma.</summary>
    private static char DetectSeparator(string text)
    {
        int commas = 0, tabs = 0, lines = 0;
        foreach (var c in text)
        {
            if (c == ',')
            {
                commas++;
            }
            else if (c == '\t')
            {
                tabs++;
            }
            else if (c == '\n' && ++lines >= 20)
            {
                break;
            }
        }
        return tabs > commas ? '\t' : ',';
    }

    /// <summary>
    /// RFC 4180 records: fields separated by <paramref name="separator"/>, records by CR, LF or CRLF; a field that
    /// starts with a double quote runs to the matching quote (separators and line breaks inside it are text, ""
    /// is a quote). A quote inside an unquoted field is text. Refused when a quote is still open at the end.
    /// </summary>
    public static (List<string[]> Records, string? Error) Parse(string text, char separator)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var quoteOpenedOnLine = 0;
        var inQuotes = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && atFieldStart)
            {
                inQuotes = true;
                atFieldStart = false;
                quoteOpenedOnLine = line;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                line++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields.ToArray());
                fields.Clear();
                atFieldStart = true;
            }
            else
            {
                field.Append(c);
                atFieldStart = false;
            }
        }
        if (inQuotes)
        {
            return ([], $"第{records.Count + 1}行（文件第{quoteOpenedOnLine}行）有一个以英文双引号（\"）开始的单元格，直到文件末尾都没有对应的结束引号，无法确定该单元格在哪里结束。请检查该行的引号，或在Excel/WPS中重新另存为CSV后再上传。");
        }
        if (fields.Count > 0 || field.Length > 0 || !atFieldStart)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return (records, null);
    }
}
