namespace Sesame.Tests.Property;

/// <summary>A generated config and the packets the clients send to it.</summary>
internal sealed record KnockCase(KnockConfig Config, KnockStep[] Steps);
