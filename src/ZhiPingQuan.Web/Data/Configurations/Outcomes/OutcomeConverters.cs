using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

/// <summary>Value objects stored as plain columns, the same way on every provider.</summary>
internal static class OutcomeConverters
{
    /// <summary>Money ↔ decimal(18,2) yuan.</summary>
    public static readonly ValueConverter<Money, decimal> Money = new(m => m.Yuan, d => new Money(d));

    /// <summary>MaturityScore ↔ decimal(4,2).</summary>
    public static readonly ValueConverter<MaturityScore, decimal> MaturityScore = new(s => s.Value, d => new MaturityScore(d));

    public const int NameLength = 200;
    public const int PersonLength = 100;
    public const int Sha256HexLength = 64;
}
