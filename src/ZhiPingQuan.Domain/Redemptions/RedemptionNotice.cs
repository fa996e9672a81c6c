using System.Security.Cryptography;
using System.Text;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Redemptions;

/// <summary>
/// 兑付通知 (docs/domain.md §4.6): what the commission tells an agency it is paid for a programme year — the approved and
/// paid redemptions payable to it, their total — printed as a PDF with a verification code. One row per distinct content:
/// the same redemptions give the same notice (and code) again; a further approval or payment issues a new one.
/// </summary>
public sealed class RedemptionNotice : Entity
{
    public const int ContentHashLength = 64;
    public const int MaxNameLength = 200;

    private RedemptionNotice() { }

    public RedemptionNotice(Guid agencyId, string agencyName, Guid programmeYearId, int year, IReadOnlyCollection<(Guid Id, Money Amount, RedemptionState State)> lines,
        string verificationCode, DateTime utcNow)
    {
        if (lines.Count == 0)
        {
            throw new DomainException("该服务机构本年度还没有已批准的兑付，暂无兑付通知。");
        }
        AgencyId = agencyId;
        AgencyName = agencyName;
        ProgrammeYearId = programmeYearId;
        Year = year;
        Count = lines.Count;
        Total = lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        ContentHash = HashOf(lines);
        VerificationCode = verificationCode;
        IssuedAtUtc = utcNow;
    }

    public Guid AgencyId { get; private set; }
    public string AgencyName { get; private set; } = string.Empty;
    public Guid ProgrammeYearId { get; private set; }
    public int Year { get; private set; }
    public int Count { get; private set; }
    public Money Total { get; private set; }

    /// <summary>SHA-256 (hex) of the redemptions it lists: id, amount and state, in id order.</summary>
    public string ContentHash { get; private set; } = string.Empty;

    public string VerificationCode { get; private set; } = string.Empty;
    public DateTime IssuedAtUtc { get; private set; }

    public static string HashOf(IEnumerable<(Guid Id, Money Amount, RedemptionState State)> lines)
    {
        var text = string.Join("\n", lines.OrderBy(l => l.Id).Select(l => $"{l.Id:N}|{l.Amount.Yuan:0.00}|{l.State}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
