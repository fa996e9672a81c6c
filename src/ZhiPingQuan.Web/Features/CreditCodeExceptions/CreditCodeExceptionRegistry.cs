using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;

// The namespace differs from the folder so it does not hide the domain's CreditCodeExceptions class.
namespace ZhiPingQuan.Web.Features.CreditCodeExceptionRegistry;

/// <summary>
/// Admin's register of legacy credit codes (docs/domain.md §2). The rules are the domain's (<see cref="CreditCodeException"/>),
/// and so is the audit line (its event): this class loads, calls the domain and saves. Refusals are
/// <see cref="DomainException"/>s; nothing is saved then.
/// </summary>
public sealed class CreditCodeExceptionRegistry(AppDbContext db, IClock clock)
{
    public async Task<IReadOnlyList<CreditCodeException>> EntriesAsync(CancellationToken ct) =>
        await db.CreditCodeExceptions.AsNoTracking().OrderByDescending(e => e.AtUtc).ToListAsync(ct);

    public async Task<CreditCodeException> RegisterAsync(string code, string reason, string byUserName, CancellationToken ct)
    {
        var entry = new CreditCodeException(code, reason, byUserName, clock.UtcNow);
        if (await db.CreditCodeExceptions.AnyAsync(e => e.Code == entry.Code, ct))
        {
            throw new DomainException($"信用代码“{entry.Code.Value}”已登记为例外。");
        }
        db.CreditCodeExceptions.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
