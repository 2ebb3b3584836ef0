import com.sun.tools.attach.VirtualMachine;

/**
 * Sends one command to async-profiler inside a running JVM, loading the agent on first use:
 * {@code java perf/tools/AsyncProfiler.java <pid> <libasyncProfiler.so> <command>}, for example
 * {@code start,event=itimer,interval=1ms} then {@code stop,file=/tmp/x.txt,collapsed}.
 *
 * <p>Why not {@code jcmd <pid> JVMTI.agent_load}: jcmd splits the agent's options at {@code =},
 * so async-profiler never sees them. The profiler itself comes from Maven Central
 * ({@code tools.profiler:async-profiler}); perf/identity-bench.sh fetches it for {@code PROFILE=1}.
 */
public class AsyncProfiler {

  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgentPath(args[1], args[2]);
    } finally {
      vm.detach();
    }
  }
}
