namespace Sesame.Tests.Scripting;

/// <summary>
/// The language, from the examples of MikroTik's "Scripting" manual page (types, conversions, loops, arrays, scopes,
/// functions, errors); each asserts the result the manual states.
/// </summary>
public sealed class ScriptLanguageTests
{
    [Theory]
    [InlineData(":put [:typeof 4]", "num")]
    [InlineData(":put [:typeof \"abc\"]", "str")]
    [InlineData(":put [:typeof 1.2.3.4]", "ip")]
    [InlineData(":put [:typeof 10.0.0.0/8]", "ip-prefix")]
    [InlineData(":put [:typeof 2001:db8::1]", "ip6")]
    [InlineData(":put [:typeof 2001:db8::/32]", "ip6-prefix")]
    [InlineData(":put [:typeof 1h30m]", "time")]
    [InlineData(":put [:typeof 00:30:00]", "time")]
    [InlineData(":put [:typeof true]", "bool")]
    [InlineData(":put [:typeof {1;2;3}]", "array")]
    [InlineData(":put [:typeof *1A]", "id")]
    [InlineData(":global undefinedVar; :put [:typeof $undefinedVar]", "nothing")]
    [InlineData(":put [:typeof [:nothing]]", "nothing")]
    [InlineData(":put [:typeof [:toip \"abc\"]]", "nil")]
    public void Typeof_ManualTypes_NamesType(string code, string expected)
    {
        Assert.Equal(expected, ScriptRun.Put(code));
    }

    [Theory]
    [InlineData(":put [:tonum \"10\"]", "10")]
    [InlineData(":put ([:tonum \"10\"] + 5)", "15")]
    [InlineData(":put [:typeof [:tostr 5]]", "str")]
    [InlineData(":put [:toip \"10.0.0.1\"]", "10.0.0.1")]
    [InlineData(":put [:typeof [:toip \"10.0.0.1\"]]", "ip")]
    [InlineData(":put [:toip6 \"2001:db8::1\"]", "2001:db8::1")]
    [InlineData(":put [:totime \"1h30m\"]", "01:30:00")]
    [InlineData(":put [:tobool \"yes\"]", "true")]
    [InlineData(":put [:len [:toarray \"a,b,c\"]]", "3")]
    [InlineData(":put [:len \"abcde\"]", "5")]
    [InlineData(":put [:pick \"abcde\" 1 3]", "bc")]
    [InlineData(":put [:find \"abcde\" \"c\"]", "2")]
    [InlineData(":put (1h + 30m)", "01:30:00")]
    [InlineData(":put (10.0.0.15 in 10.0.0.0/8)", "true")]
    [InlineData(":put (192.168.1.1 in 10.0.0.0/8)", "false")]
    [InlineData(":put (\"abc\" . \"def\")", "abcdef")]
    [InlineData(":put (3 * 4 + 2)", "14")]
    [InlineData(":put (3 + 4 * 2)", "11")]
    [InlineData(":put (10 / 2)", "5")]
    [InlineData(":put (!true)", "false")]
    [InlineData(":put (not false)", "true")]
    [InlineData(":put (true && false || true)", "true")]
    [InlineData(":put (1 < 2 and 3 > 2)", "true")]
    [InlineData(":put (-5 + 2)", "-3")]
    [InlineData(":put (\"n=\" . 2 + 3)", "n=5")]
    [InlineData(":put \"\\48\\45\\4C\\4C\\4F\"", "HELLO")]
    [InlineData(":put \"a\\\"b\"", "a\"b")]
    [InlineData(":put \"cost \\$5\"", "cost $5")]
    [InlineData(":put \"a $ b\"", "a $ b")]
    [InlineData(":local x 5; :put \"x=$x, twice=$($x * 2)\"", "x=5, twice=10")]
    [InlineData(":put \"len=$[:len \"abc\"]\"", "len=3")]
    [InlineData(":put \"[$notDefined]\"", "[]")]
    public void Put_ManualExpressions_ManualResult(string code, string expected)
    {
        Assert.Equal(expected, ScriptRun.Put(code));
    }

    [Fact]
    public void Arrays_ManualExample_IndexAndSet()
    {
        string code = """
            :local a {"abc";"def";"efg"}
            :put ($a->1)
            :set ($a->1) "123"
            :put $a
            :local b {x=1;y=2}
            :put ($b->"y")
            :put [:len $b]
            :set ($b->"z") 3
            :put ($b->"z")
            """;
        Assert.Equal("def\nabc;123;efg\n2\n2\n3", ScriptRun.Put(code));
    }

    [Fact]
    public void Foreach_ArrayWithKeys_VisitsEach()
    {
        string code = """
            :foreach i in={1;2;3} do={ :put $i }
            :foreach k,v in={a=1;b=2} do={ :put "$k=$v" }
            """;
        Assert.Equal("1\n2\n3\na=1\nb=2", ScriptRun.Put(code));
    }

    [Fact]
    public void Loops_ManualExamples_Count()
    {
        string code = """
            :local i 0
            :while ($i < 10) do={ :set i ($i + 1) }
            :put $i
            :local j 0
            :do { :set j ($j + 1) } while=($j < 5)
            :put $j
            :for k from=10 to=1 step=-3 do={ :put $k }
            :local n 0
            :do { :set n ($n + 1) } while=(false)
            :put $n
            """;
        Assert.Equal("10\n5\n10\n7\n4\n1\n1", ScriptRun.Put(code));
    }

    [Fact]
    public void For_CountingDown_DefaultsToMinusOne()
    {
        Assert.Equal("3\n2\n1", ScriptRun.Put(":for i from=3 to=1 do={ :put $i }"));
    }

    [Fact]
    public void Scopes_ManualExample_InnerLocalNotSeenOutside()
    {
        string code = """
            {
                :local a 3
                {
                    :local b 4
                    :put ($a + $b)
                }
                :put [:typeof $b]
            }
            :put [:typeof $a]
            """;
        Assert.Equal("7\nnothing\nnothing", ScriptRun.Put(code));
    }

    [Fact]
    public void Globals_PersistBetweenRuns_LocalsDoNot()
    {
        var run = new ScriptRun();
        Assert.True(run.Code(":global counter; :local temp 1; :if ([:typeof $counter] = \"nothing\") do={ :set counter 0 }; :set counter ($counter + 1)").Succeeded);
        Assert.True(run.Code(":global counter; :set counter ($counter + 1)").Succeeded);
        Assert.True(run.Code(":global counter; :put $counter; :put [:typeof $temp]").Succeeded);
        Assert.Equal(["2", "nothing"], run.Log.Puts);
    }

    [Fact]
    public void Global_NotDeclared_IsNothingInThatScript()
    {
        var run = new ScriptRun();
        run.Code(":global g 5");
        run.Code(":put [:typeof $g]");
        Assert.Equal(["nothing"], run.Log.Puts);
    }

    [Fact]
    public void Functions_ManualExamples_ArgumentsAndReturn()
    {
        string code = """
            :global myFunc do={ :return ($a + $b) }
            :put [$myFunc a=3 b=4]
            :global say do={ :put $1 }
            $say Hello
            :global funcA do={ :return 5 }
            :global funcB do={
                :global funcA
                :return ([$funcA] + 4)
            }
            :put [$funcB]
            """;
        Assert.Equal("7\nHello\n9", ScriptRun.Put(code));
    }

    [Fact]
    public void Functions_ReturnOptional_ValueOfLastCommand()
    {
        string code = """
            :local noReturn do={ :put "inside" }
            $noReturn
            :local lastValue do={ :len "abcd" }
            :put [$lastValue]
            :local early do={
                :foreach i in={1;2;3} do={ :if ($i = 2) do={ :return $i } }
                :return 0
            }
            :put [$early]
            """;
        Assert.Equal("inside\n4\n2", ScriptRun.Put(code));
    }

    [Fact]
    public void Return_AtScriptLevel_EndsTheScript()
    {
        Assert.Equal("1", ScriptRun.Put(":put 1\n:return\n:put 2"));
    }

    [Fact]
    public void OnError_CatchesError_AndRunContinues()
    {
        string code = """
            :do { :error "failed here" } on-error={ :put "caught" }
            :put "after"
            :onerror e in={ :error "failure" } do={ :put "I caught $e" }
            """;
        Assert.Equal("caught\nafter\nI caught failure", ScriptRun.Put(code));
    }

    [Fact]
    public void OnError_CatchesHostRefusal()
    {
        var run = new ScriptRun();
        run.Host.Add("x", "1.2.3.4");
        ScriptRunResultAssert.Succeeded(run.Code("""
            :do { /ip firewall address-list add list=x address=1.2.3.4 } on-error={ :put "duplicate" }
            """));
        Assert.Equal(["duplicate"], run.Log.Puts);
    }

    [Fact]
    public void Comments_AndContinuations_AreRead()
    {
        string code = "# a comment\n:put (1 + \\\n    2) # trailing comment\n:put \"ab\\\n    cd\"";
        Assert.Equal("3\nabcd", ScriptRun.Put(code));
    }

    [Fact]
    public void Log_Topics_GoToTheLog()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Succeeded(run.Code(":log info \"one\"\n:log warning two\n/log error \"three\"\n:log debug (1 + 1)"));
        Assert.Equal(
            [("info", "one"), ("warning", "two"), ("error", "three"), ("debug", "2")],
            run.Log.Entries.Select(e => (e.Topic, e.Message)));
        Assert.All(run.Log.Entries, e => Assert.Equal("test", e.Script));
    }

    [Fact]
    public void Delay_MovesTheHostClock()
    {
        var run = new ScriptRun();
        DateTimeOffset start = run.Host.Now;
        ScriptRunResultAssert.Succeeded(run.Code(":delay 5s\n:log info \"later\""));
        Assert.Equal(start.AddSeconds(5), run.Log.Entries.Single().Time);
    }

    [Fact]
    public void GlobalCommands_WithoutColon_AndSetWithDollar()
    {
        string code = """
            local a 1
            :local b 2
            set a 5
            :set $b ($a + 1)
            do { put "in do" }
            if ($b = 6) do={ put "b is $b" }
            foreach i in={1;2} do={ put $i }
            """;
        Assert.Equal("in do\nb is 6\n1\n2", ScriptRun.Put(code));
    }

    [Fact]
    public void Set_InAddressListMenu_IsTheMenuCommand()
    {
        var run = new ScriptRun();
        run.Host.Add("x", "192.0.2.1");
        ScriptRunResultAssert.Succeeded(run.Code("/ip firewall address-list\nset [find list=x] comment=menu"));
        Assert.Equal("menu", run.Host.Entries().Single().Comment);
    }

    [Fact]
    public void Function_WithLocalsAndNamedArguments_AsWrittenInTheWild()
    {
        string code = """
            :global Modulo do={

                :local truncated;
                :local reminder;

                :set $truncated ($number / $modulo);
                :set $reminder ($number - ($modulo * $truncated));

                :return $reminder

            }

            :put [$Modulo number=5 modulo=2];
            :put [$Modulo number=17 modulo=5];
            """;
        Assert.Equal("1\n2", ScriptRun.Put(code));
    }
}
