using System.Text;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015). Can only exist valid: parse user input with
/// <see cref="TryParse"/>, which normalises it (trim, upper-case, full-width → half-width)
/// and verifies the check character.
/// </summary>
public sealed record CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Rebuilds a code already validated before it was stored. Never use on user input.</summary>
    public static CreditCode FromTrusted(string value) => new(value);

    /// <summary>
    /// A genuine legacy code that fails the check, registered by Admin as a named exception.
    /// It is still normalised and must still be 18 characters of the alphabet.
    /// </summary>
    public static CreditCode FromRegisteredException(string input)
    {
        var normalised = Normalise(input);
        if (normalised.Length != 18 || normalised.Any(c => !Alphabet.Contains(c)))
        {
            throw new DomainException("例外登记的信用代码也必须是18位有效字符。");
        }
        return new CreditCode(normalised);
    }

    public static CreditCode Parse(string? input) =>
        TryParse(input, out var code, out var error) ? code! : throw new DomainException(error!);

    public static bool TryParse(string? input, out CreditCode? code, out string? error)
    {
        code = null;
        var s = Normalise(input);
        if (s.Length == 0)
        {
            error = "统一社会信用代码不能为空。";
            return false;
        }
        if (s.Length != 18)
        {
            error = $"统一社会信用代码应为18位，当前为{s.Length}位。";
            return false;
        }
        for (var i = 0; i < 18; i++)
        {
            if (!Alphabet.Contains(s[i]))
            {
                error = $"统一社会信用代码第{i + 1}位“{s[i]}”不是有效字符（不使用I、O、Z、S、V）。";
                return false;
            }
        }
        var expected = CheckCharacter(s.AsSpan(0, 17));
        if (s[17] != expected)
        {
            error = $"统一社会信用代码校验位错误：第18位应为“{expected}”，实为“{s[17]}”。";
            return false;
        }
        error = null;
        code = new CreditCode(s);
        return true;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExcept(Alphabet))
        {
            throw new ArgumentException("校验位只能由17位有效字符计算。", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }
        var c = 31 - (sum % 31);
        return Alphabet[c == 31 ? 0 : c];
    }

    /// <summary>Trim, full-width → half-width, drop inner spaces, upper-case.</summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(input.Length);
        foreach (var ch in input)
        {
            var c = ch;
            if (c == '\u3000')
            {
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
