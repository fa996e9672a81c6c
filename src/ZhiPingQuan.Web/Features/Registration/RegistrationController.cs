using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Registration;

/// <summary>企业申请开通账户: public, linked from the sign-in page; limited per address like the sign-in form.</summary>
[AllowAnonymous]
public sealed class RegistrationController(RegistrationService registration, IValidator<RegistrationForm> validator) : Controller
{
    [HttpGet]
    public IActionResult Index() => View(new RegistrationForm());

    [HttpPost]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public async Task<IActionResult> Index(RegistrationForm form, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var district = await ModelState.TryAsync(() => registration.SubmitAsync(form, ct));
        if (district is null)
        {
            return View(form);
        }
        TempData["Success"] = $"申请已提交，等待{district}审核。审核通过后，激活链接将发送到 {form.Email.Trim()}（或由{district}转交），请自行设置密码。";
        return RedirectToAction(nameof(Submitted));
    }

    [HttpGet]
    public IActionResult Submitted() => View();
}
