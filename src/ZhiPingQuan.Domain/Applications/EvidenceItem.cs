using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>An upgrade contract's particulars: amount in 万元 (two decimals), link, signing date.</summary>
public sealed record ContractDetails(decimal AmountWan, KeyLink Link, DateOnly Date);

/// <summary>
/// One evidence file of an application. Replacing the file keeps the previous file's id, so the
/// reviewer can see what the enterprise had uploaded before (the file itself is kept as a version).
/// </summary>
public sealed class EvidenceItem : Entity
{
    public const int MaxTitleLength = 200;

    private EvidenceItem() { }

    internal EvidenceItem(Guid quotaApplicationId, EvidenceKind kind, string title, Guid fileId, ContractDetails? contract, DateTime utcNow)
    {
        QuotaApplicationId = quotaApplicationId;
        Kind = kind;
        Rename(title);
        SetFile(fileId);
        SetContract(contract);
        AddedAtUtc = utcNow;
    }

    public Guid QuotaApplicationId { get; private set; }
    public EvidenceKind Kind { get; private set; }
    public string Title { get; private set; } = string.Empty;

    /// <summary>The current file (a <c>StoredFile</c> id).</summary>
    public Guid FileId { get; private set; }

    /// <summary>The file this item pointed at before the last replacement.</summary>
    public Guid? PreviousFileId { get; private set; }
    public DateTime AddedAtUtc { get; private set; }
    public DateTime? ReplacedAtUtc { get; private set; }

    /// <summary>Contract amount in 万元; only for <see cref="EvidenceKind.UpgradeContract"/>.</summary>
    public decimal? ContractAmountWan { get; private set; }
    public KeyLink? ContractLink { get; private set; }
    public DateOnly? ContractDate { get; private set; }

    public ContractDetails? Contract =>
        ContractAmountWan is { } amount && ContractLink is { } link && ContractDate is { } date
            ? new ContractDetails(amount, link, date)
            : null;

    internal void Rename(string title)
    {
        var t = (title ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            throw new DomainException("请填写材料名称。");
        }
        if (t.Length > MaxTitleLength)
        {
            throw new DomainException($"材料名称过长（最多{MaxTitleLength}个字符）。");
        }
        Title = t;
    }

    internal void ReplaceFile(Guid newFileId, DateTime utcNow)
    {
        if (newFileId == FileId)
        {
            throw new DomainException("替换的文件与原文件相同。");
        }
        var old = FileId;
        SetFile(newFileId);
        PreviousFileId = old;
        ReplacedAtUtc = utcNow;
    }

    internal void SetContract(ContractDetails? contract)
    {
        if (Kind != EvidenceKind.UpgradeContract)
        {
            if (contract is not null)
            {
                throw new DomainException($"“{Kind.ToChinese()}”不填写合同金额和环节。");
            }
            return;
        }
        if (contract is null)
        {
            throw new DomainException("改造升级/购置合同须填写合同金额、所属环节和签订日期。");
        }
        if (contract.AmountWan <= 0m)
        {
            throw new DomainException("合同金额必须大于0万元。");
        }
        if (decimal.Round(contract.AmountWan, 2) != contract.AmountWan)
        {
            throw new DomainException("合同金额（万元）最多保留两位小数。");
        }
        if (!Enum.IsDefined(contract.Link))
        {
            throw new DomainException("请选择合同所属环节。");
        }
        ContractAmountWan = contract.AmountWan;
        ContractLink = contract.Link;
        ContractDate = contract.Date;
    }

    private void SetFile(Guid fileId)
    {
        if (fileId == Guid.Empty)
        {
            throw new DomainException("请上传材料文件。");
        }
        FileId = fileId;
    }
}
