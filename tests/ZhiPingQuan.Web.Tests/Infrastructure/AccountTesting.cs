using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>Accounts, one-time links and second factors the way their users meet them.</summary>
public static partial class AccountTesting
{
    [GeneratedRegex("data-testid=\"issued-link\">([^<]+)<")]
    private static partial Regex IssuedLinkPattern();

    [GeneratedRegex("https?://[^\\s\"<]+/Account/(Activate|ResetPassword)\\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkInText();

    [GeneratedRegex("data-testid=\"two-factor-key\">([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li class=\"col-6\">([^<]+)</li>")]
    private static partial Regex RecoveryCodePattern();

    /// <summary>The one-time link shown on the page a redirect leads to (no mail server), as a local address.</summary>
    public static async Task<string> IssuedLinkAsync(HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var page = await client.GetStringAsync(redirect.Headers.Location!.OriginalString);
        var match = IssuedLinkPattern().Match(page);
        Assert.True(match.Success, "the page shows no issued link");
        return Local(WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>The link in a text (an e-mail's body), as a local address.</summary>
    public static string LinkIn(string text)
    {
        var match = LinkInText().Match(text);
        Assert.True(match.Success, "no account link in: " + text);
        return Local(match.Value);
    }

    private static string Local(string url) => new Uri(url).PathAndQuery;

    /// <summary>Sets a password through an activation or reset link, as its user does.</summary>
    public static Task<HttpResponseMessage> SetPasswordByLinkAsync(HttpClient client, string link, string password, string? confirm = null,
        IDictionary<string, string>? extra = null)
    {
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var action = link.Contains("/Account/Activate", StringComparison.Ordinal) ? "/Account/Activate" : "/Account/ResetPassword";
        var fields = new Dictionary<string, string> { ["Token"] = token, ["NewPassword"] = password, ["ConfirmPassword"] = confirm ?? password };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            fields[k] = v;
        }
        // The token of the sign-in page: a used or expired link's page has no form to take one from.
        return client.PostFormAsync("/Account/Login", action, fields);
    }

    /// <summary>An account with a password in an organisation, arranged directly (its sign-in is the thing tested).</summary>
    public static async Task<AppUser> CreateUserAsync(PortalFactory portal, Guid organisationId, string role, string tag, string password = Accounts.Password)
    {
        await using var scope = portal.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{tag}.{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "测试" + tag, OrganisationId = organisationId, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    public static Task<Guid> OrganisationIdAsync(PortalFactory portal, OrganisationKind kind) =>
        portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == kind).Select(o => o.Id).FirstAsync());

    public static Task<Guid> OrganisationIdAsync(PortalFactory portal, string name) =>
        portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).FirstAsync());

    /// <summary>A new enterprise organisation of its own (its deactivation disturbs no other test).</summary>
    public static async Task<Guid> NewEnterpriseAsync(PortalFactory portal, string unitName, string name)
    {
        var unitId = await OrganisationIdAsync(portal, unitName);
        return await portal.WithDbAsync(async db =>
        {
            var enterprise = new Enterprise(name, TestData.NewCreditCode(), Domain.Reference.KeyIndustry.Automotive, 20_000m, unitId);
            db.Organisations.Add(enterprise);
            await db.SaveChangesAsync();
            return enterprise.Id;
        });
    }

    /// <summary>The authenticator key shown on the enrolment page.</summary>
    public static async Task<string> EnrolmentKeyAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/TwoFactor");
        var match = KeyPattern().Match(page);
        Assert.True(match.Success, "the enrolment page shows no key");
        return match.Groups[1].Value;
    }

    /// <summary>Enrols the second factor with the authenticator's current code; the recovery codes shown once.</summary>
    public static async Task<IReadOnlyList<string>> EnrolAsync(HttpClient client, string key)
    {
        var response = await client.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor", new Dictionary<string, string> { ["code"] = Totp(key) });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("两步验证已启用", html);
        return RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a Base32 key, as an authenticator app computes it.</summary>
    public static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.Trim().TrimEnd('=').ToUpperInvariant().Where(c => c != ' '))
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }

    /// <summary>
    /// The test host has no client address: this header gives each request one (only in tests), so per-address limits
    /// can be tried without the tests sharing one address.
    /// </summary>
    public const string AddressHeader = "X-Test-Remote-Address";

    public sealed class TestAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                await nextMiddleware();
            });
            next(app);
        };
    }

    /// <summary>A browser-like client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(this PortalFactory portal, string address)
    {
        var client = portal.Browser();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }
}
