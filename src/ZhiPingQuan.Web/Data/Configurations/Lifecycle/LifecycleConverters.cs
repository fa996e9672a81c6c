using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

/// <summary>Value objects to plain columns. Values in the database were validated before they were saved.</summary>
internal static class LifecycleConverters
{
    public static readonly ValueConverter<CreditCode, string> CreditCode =
        new(v => v.Value, v => Domain.Reference.CreditCode.FromTrusted(v));

    public static readonly ValueConverter<Money, decimal> Money =
        new(v => v.Yuan, v => new Money(v));

    public static readonly ValueConverter<MaturityScore, decimal> MaturityScore =
        new(v => v.Value, v => new MaturityScore(v));
}
