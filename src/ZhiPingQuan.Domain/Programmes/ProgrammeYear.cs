using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Programmes;

/// <summary>
/// A programme year (e.g. 2023): the standard amount paid per enterprise served (额定标准), an optional
/// budget cap, and its batches. Configured by the commission.
/// </summary>
public sealed class ProgrammeYear : Entity
{
    private readonly List<Batch> _batches = [];

    private ProgrammeYear() { }

    public ProgrammeYear(int year, Money standardAmount, Money? budgetCap = null)
    {
        if (year is < 2020 or > 2100)
        {
            throw new DomainException($"项目年度应在2020至2100之间，当前为{year}。");
        }
        Year = year;
        CheckAmounts(standardAmount, budgetCap);
        (StandardAmount, BudgetCap) = (standardAmount, budgetCap);
        Raise(new ProgrammeYearCreated(Id, Year, StandardAmount, BudgetCap));
    }

    public int Year { get; private set; }

    /// <summary>额定标准: redeemed per enterprise, in yuan.</summary>
    public Money StandardAmount { get; private set; }

    public Money? BudgetCap { get; private set; }

    /// <summary>Load this collection before calling <see cref="AddBatch"/> (names and sequence depend on it).</summary>
    public IReadOnlyList<Batch> Batches => _batches;

    /// <summary>Changes the standard amount and the budget cap; returns false (and records nothing) when both stay as they were.</summary>
    public bool SetAmounts(Money standardAmount, Money? budgetCap)
    {
        CheckAmounts(standardAmount, budgetCap);
        if (standardAmount == StandardAmount && budgetCap == BudgetCap)
        {
            return false;
        }
        var (standardBefore, capBefore) = (StandardAmount, BudgetCap);
        (StandardAmount, BudgetCap) = (standardAmount, budgetCap);
        Raise(new ProgrammeYearAmountsChanged(Id, Year, standardBefore, capBefore, StandardAmount, BudgetCap));
        return true;
    }

    private static void CheckAmounts(Money standardAmount, Money? budgetCap)
    {
        if (standardAmount <= Money.Zero)
        {
            throw new DomainException("额定标准必须大于0。");
        }
        if (budgetCap is { } cap && cap < standardAmount)
        {
            throw new DomainException($"预算上限（{cap}）不能低于额定标准（{standardAmount}）。");
        }
    }

    /// <summary>How many enterprises the budget cap pays for at the standard amount; null without a cap.</summary>
    public int? EnterprisesWithinBudget =>
        BudgetCap is { } cap ? (int)decimal.Floor(cap.Yuan / StandardAmount.Yuan) : null;

    public Batch AddBatch(string name, DateOnly deadline)
    {
        var n = CheckBatchName(name, null);
        var batch = new Batch(this, n, _batches.Count == 0 ? 1 : _batches.Max(b => b.Sequence) + 1, deadline);
        _batches.Add(batch);
        Raise(new BatchAdded(batch.Id, Year, batch.Name, batch.Deadline));
        return batch;
    }

    /// <summary>
    /// Renames one of this year's batches (name unique within the year). Only the name: a deadline
    /// moves solely through <see cref="Batch.ExtendDeadline"/>, which keeps the record of why. Returns false (and
    /// records nothing) when the name stays as it was.
    /// </summary>
    public bool RenameBatch(Guid batchId, string name)
    {
        var batch = _batches.FirstOrDefault(b => b.Id == batchId)
            ?? throw new DomainException("该批次不属于本项目年度。");
        var before = batch.Name;
        batch.Rename(CheckBatchName(name, batchId));
        if (batch.Name == before)
        {
            return false;
        }
        Raise(new BatchRenamed(batch.Id, Year, before, batch.Name));
        return true;
    }

    private string CheckBatchName(string? name, Guid? renamedBatchId)
    {
        var n = (name ?? string.Empty).Trim();
        if (n.Length == 0)
        {
            throw new DomainException("批次名称不能为空。");
        }
        if (n.Length > 50)
        {
            throw new DomainException("批次名称不能超过50个字。");
        }
        if (_batches.Any(b => b.Name == n && b.Id != renamedBatchId))
        {
            throw new DomainException($"{Year}年度已有批次“{n}”。");
        }
        return n;
    }
}
