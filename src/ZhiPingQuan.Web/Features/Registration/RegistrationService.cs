using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Registration;

/// <summary>
/// The public self-registration of an enterprise (docs/domain.md §5 Accounts): only a credit code in a district's
/// registry may ask, and the request waits for that district. The page says which district decides — nothing about
/// the registry's other data or the enterprise's accounts.
/// </summary>
public sealed class RegistrationService(AppDbContext db, IClock clock)
{
    public const string NotInRegistry =
        "该统一社会信用代码不在任何推荐单位（区经委/科经委等）的企业名录中，平台无法受理。请先联系企业注册地所在区的推荐单位，" +
        "由其将本企业登记入名录（或由其直接邀请开通账户）后再申请。";

    public async Task<string> SubmitAsync(RegistrationForm form, CancellationToken ct)
    {
        if (!CreditCode.TryParse(form.CreditCode, out var code, out var error))
        {
            throw new DomainException(error!, nameof(RegistrationForm.CreditCode));
        }
        var enterprise = await db.Organisations.OfType<Enterprise>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (enterprise is null || !enterprise.IsActive)
        {
            throw new DomainException(NotInRegistry, nameof(RegistrationForm.CreditCode));
        }
        var email = form.Email.Trim();
        if (await db.EnterpriseAccountRequests.AnyAsync(r => r.EnterpriseId == enterprise.Id && r.Email == email
                && r.State == EnterpriseAccountRequestState.Pending, ct))
        {
            throw new DomainException("该企业已有一份使用此邮箱的申请在等待审核，请勿重复提交。", nameof(RegistrationForm.Email));
        }
        db.EnterpriseAccountRequests.Add(EnterpriseAccountRequest.Submit(enterprise, form.EnterpriseName, form.ContactName, form.ContactPhone,
            email, clock.UtcNow));
        await db.SaveChangesAsync(ct);
        return await db.Organisations.Where(o => o.Id == enterprise.RecommendingUnitId).Select(o => o.Name).FirstAsync(ct);
    }
}
