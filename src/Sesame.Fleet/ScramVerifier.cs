using System.Security.Cryptography;
using System.Text;

namespace Sesame.Fleet;

/// <summary>
/// A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5802/7677; PostgreSQL's <c>scram_build_secret</c>):
/// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>. Sent in place of the password, the clear text never leaves
/// this host.
/// </summary>
internal static class ScramVerifier
{
    private const int Iterations = 4096;

    /// <summary>SASLprep leaves printable ASCII as it is; other text would need its tables, so it goes to the server instead.</summary>
    public static bool IsSaslPrepIdentity(string password) =>
        password.Length > 0 && password.All(c => c is >= ' ' and <= '~');

    public static string Create(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        byte[] storedKey = SHA256.HashData(clientKey);
        byte[] serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
