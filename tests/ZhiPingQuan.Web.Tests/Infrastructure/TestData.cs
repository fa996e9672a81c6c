using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>Values that keep tests sharing one database out of each other's way.</summary>
public static class TestData
{
    /// <summary>A valid, random 统一社会信用代码 (GB 32100-2015 check character computed).</summary>
    public static CreditCode NewCreditCode()
    {
        var body = "91310" + new string(Enumerable.Range(0, 12).Select(_ => CreditCode.Alphabet[Random.Shared.Next(CreditCode.Alphabet.Length)]).ToArray());
        return CreditCode.Parse(body + CreditCode.CheckCharacter(body));
    }

    /// <summary>A word no other test's data contains ("7F3A9C2B").</summary>
    public static string Tag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
