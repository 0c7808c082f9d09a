using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenDvc.Tests.Platform;

/// <summary>Self-signed certificates written to a temporary PFX file, for what needs one (key encryption, HTTPS).</summary>
public static class TestCertificates
{
    public static async Task<string> CreatePfxAsync(string subject, string password, CancellationToken ct)
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"opendvc-test-{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, password), ct);
        return pfx;
    }
}
