using QRCoder;

namespace ZhiPingQuan.Web.Features.Account;

/// <summary>The authenticator enrolment QR code: the otpauth:// address of the account's key (Key URI format, RFC 6238 TOTP, 6 digits, 30 s).</summary>
public static class TwoFactorQr
{
    public const string Issuer = "智评券";

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString($"{Issuer}:{email}")}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    public static string PngDataUri(string email, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(email, key), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
