using System.Collections.Concurrent;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Property;

/// <summary>
/// One long-lived thread inside a network namespace that runs the work given to it, in order: the property run reads
/// the kernel's counters after every packet, and a thread plus setns per read would cost more than the read.
/// </summary>
internal sealed class NamespaceThread : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public NamespaceThread(string ns)
    {
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() =>
        {
            try
            {
                NetNs.Join(ns);
            }
            catch (Exception e)
            {
                joined.SetException(e);
                return;
            }

            joined.SetResult();
            foreach (Action action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "netns " + ns };
        _thread.Start();
        Wait(joined.Task);
        joined.Task.GetAwaiter().GetResult();
    }

    public T Invoke<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        Wait(done.Task);
        return done.Task.GetAwaiter().GetResult();
    }

    private static void Wait(Task task)
    {
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit))
        {
            throw new TimeoutException("work in the namespace did not finish in 30 s");
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(Limit);
        _work.Dispose();
    }
}
