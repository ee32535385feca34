namespace Sesame.Tests.Fleet;

/// <summary>The fixture itself: a real server that starts, answers, stops and starts again on the same socket.</summary>
public sealed class PostgresServerTests
{
    [PostgresFact]
    public void Server_StopAndStart_SameSocketAnswersAgain()
    {
        using var server = new PostgresServer();
        Assert.Equal("1", server.Psql("select 1").Trim());
        server.Psql("create table t (x int); insert into t values (42)");
        server.Stop();
        Assert.Throws<InvalidOperationException>(() => server.Psql("select 1"));
        server.Start();
        Assert.Equal("42", server.Psql("select x from t").Trim());
    }
}
