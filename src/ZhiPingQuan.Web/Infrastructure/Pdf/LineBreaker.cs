using System.Globalization;
using System.Text;
using SkiaSharp;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>
/// Splits text into lines no wider than a width, by measuring with the font. Chinese may break
/// between any two characters; a Latin word or number (a credit code, an amount) stays whole
/// unless it alone is wider than the line. Chinese line-breaking rules (禁则) keep closing
/// punctuation off the start of a line and opening punctuation off its end. A '\n' always breaks.
/// </summary>
internal static class LineBreaker
{
    // May not begin a line: it stays with the character before it.
    private const string NoLineStart = "，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%";
    // May not end a line: it goes with the character after it.
    private const string NoLineEnd = "（《「『【〔〈“‘([{";

    public static IReadOnlyList<string> Wrap(string? text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? string.Empty).Replace("\r\n", "\n").Split('\n'))
        {
            WrapParagraph(paragraph, font, maxWidth, lines);
        }
        return lines;
    }

    private static void WrapParagraph(string paragraph, SKFont font, float maxWidth, List<string> lines)
    {
        var line = new StringBuilder();
        var lineWidth = 0f;
        var pendingSpace = string.Empty;

        void Flush()
        {
            lines.Add(line.ToString());
            line.Clear();
            lineWidth = 0;
            pendingSpace = string.Empty;
        }

        foreach (var (unit, isSpace) in Units(paragraph))
        {
            if (isSpace)
            {
                // Spaces count only between two pieces on the same line; at a break they disappear.
                if (line.Length > 0)
                {
                    pendingSpace += unit;
                }
                continue;
            }
            var spaceWidth = pendingSpace.Length > 0 ? font.MeasureText(pendingSpace) : 0;
            var width = font.MeasureText(unit);
            if (lineWidth + spaceWidth + width <= maxWidth)
            {
                line.Append(pendingSpace).Append(unit);
                lineWidth += spaceWidth + width;
                pendingSpace = string.Empty;
                continue;
            }
            if (line.Length > 0)
            {
                Flush();
            }
            if (width <= maxWidth)
            {
                line.Append(unit);
                lineWidth = width;
                continue;
            }
            // Wider than a whole line on its own: break it between characters.
            foreach (var element in TextElements(unit))
            {
                var w = font.MeasureText(element);
                if (line.Length > 0 && lineWidth + w > maxWidth)
                {
                    Flush();
                }
                line.Append(element);
                lineWidth += w;
            }
        }
        lines.Add(line.ToString());
    }

    /// <summary>
    /// The pieces a line may be broken between: runs of spaces, single CJK characters, and Latin
    /// words, with punctuation glued to its neighbour by the 禁则 rules.
    /// </summary>
    private static IEnumerable<(string Text, bool IsSpace)> Units(string paragraph)
    {
        var tokens = new List<(string Text, Kind Kind)>();
        var word = new StringBuilder();
        foreach (var element in TextElements(paragraph))
        {
            var kind = KindOf(element);
            if (kind == Kind.Word)
            {
                word.Append(element);
                continue;
            }
            if (word.Length > 0)
            {
                tokens.Add((word.ToString(), Kind.Word));
                word.Clear();
            }
            if (kind == Kind.Space && tokens.Count > 0 && tokens[^1].Kind == Kind.Space)
            {
                tokens[^1] = (tokens[^1].Text + element, Kind.Space);
            }
            else
            {
                tokens.Add((element, kind));
            }
        }
        if (word.Length > 0)
        {
            tokens.Add((word.ToString(), Kind.Word));
        }

        var unit = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, kind) = tokens[i];
            if (kind == Kind.Space)
            {
                if (unit.Length > 0)
                {
                    yield return (unit.ToString(), false);
                    unit.Clear();
                }
                yield return (text, true);
                continue;
            }
            unit.Append(text);
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            var glued = next.Text is not null && next.Kind != Kind.Space
                && (StartsWithAny(next.Text, NoLineStart) || EndsWithAny(text, NoLineEnd));
            if (!glued)
            {
                yield return (unit.ToString(), false);
                unit.Clear();
            }
        }
        if (unit.Length > 0)
        {
            yield return (unit.ToString(), false);
        }
    }

    private enum Kind { Word, Cjk, Space }

    private static Kind KindOf(string element)
    {
        var rune = Rune.GetRuneAt(element, 0);
        if (Rune.IsWhiteSpace(rune) && rune.Value != 0x3000)
        {
            return Kind.Space;
        }
        return IsBreakAnywhere(rune.Value) ? Kind.Cjk : Kind.Word;
    }

    /// <summary>Scripts written without spaces, and their punctuation: a line may break on either side.</summary>
    private static bool IsBreakAnywhere(int c) =>
        c is >= 0x2E80 and <= 0x9FFF      // CJK radicals, punctuation, kana, unified ideographs
        or >= 0xAC00 and <= 0xD7AF        // Hangul
        or >= 0xF900 and <= 0xFAFF        // compatibility ideographs
        or >= 0xFE30 and <= 0xFE4F        // vertical forms
        or >= 0xFF00 and <= 0xFFEF        // full-width forms (，：（）…)
        or >= 0x20000 and <= 0x3FFFF      // ideograph extensions
        or 0x2014 or 0x2026 or 0x201C or 0x201D or 0x2018 or 0x2019 or 0x00B7;

    private static bool StartsWithAny(string text, string set) => text.Length > 0 && set.Contains(text[0]);

    private static bool EndsWithAny(string text, string set) => text.Length > 0 && set.Contains(text[^1]);

    private static IEnumerable<string> TextElements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }
}
