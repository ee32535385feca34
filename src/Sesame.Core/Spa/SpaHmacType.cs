namespace Sesame.Spa;

/// <summary>The HMAC digest of an SPA packet (fwknop's <c>HMAC_DIGEST_TYPE</c>); fwknop's default is SHA-256.</summary>
public enum SpaHmacType
{
    Sha256,
    Sha384,
    Sha512,
}
