namespace Prom.Bus.CrashChild;

public static class Program
{
    public static int Main() => 0;
}
