namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// 大写金额: an amount in Chinese capital numerals as payment documents print it (《支付结算办法》附件一): 壹拾 (never a bare
/// 拾), one 零 for a run of zeros, 元整 when there are no jiao or fen, no 整 after 角 or 分, 零 before a jiao that follows a
/// zero yuan digit and before fen without jiao. Below one yuan only the jiao and fen are written (壹分).
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Units = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    public static string Of(Money amount) => Of(amount.Yuan);

    public static string Of(decimal yuan)
    {
        if (yuan < 0 || yuan >= 10_000_000_000_000_000m || decimal.Round(yuan, 2) != yuan)
        {
            throw new ArgumentOutOfRangeException(nameof(yuan), yuan, "金额须为非负、最多两位小数且小于一万万亿。");
        }
        var fen = decimal.ToInt64(yuan * 100m);
        var whole = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        if (jiao == 0 && cents == 0)
        {
            return Integer(whole) + "元整";
        }
        var text = whole > 0 ? Integer(whole) + "元" : string.Empty;
        if (jiao > 0)
        {
            text += (whole > 0 && whole % 10 == 0 ? "零" : string.Empty) + Digits[jiao] + "角";
        }
        else if (whole > 0)
        {
            text += "零";
        }
        if (cents > 0)
        {
            text += Digits[cents] + "分";
        }
        return text;
    }

    private static string Integer(long n)
    {
        if (n == 0)
        {
            return "零";
        }
        var groups = new List<int>();
        for (var rest = n; rest > 0; rest /= 10_000)
        {
            groups.Add((int)(rest % 10_000));
        }
        var text = string.Empty;
        var zeroPending = false;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var g = groups[i];
            if (g == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }
            if (text.Length > 0 && (zeroPending || g < 1000))
            {
                text += "零";
            }
            text += Group(g) + GroupUnits[i];
            zeroPending = false;
        }
        return text;
    }

    private static string Group(int g)
    {
        var text = string.Empty;
        var zero = false;
        for (var pos = 3; pos >= 0; pos--)
        {
            var d = g / (int)Math.Pow(10, pos) % 10;
            if (d == 0)
            {
                zero = text.Length > 0;
                continue;
            }
            if (zero)
            {
                text += "零";
                zero = false;
            }
            text += Digits[d] + Units[pos];
        }
        return text;
    }
}
