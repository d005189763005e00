using TorchSharp;

namespace ContentGrains.Training;

/// <summary>
/// Where a model trains: CUDA when libtorch sees a GPU, else the CPU. The CPU thread count is set deliberately either
/// way (host-side work runs on it on a GPU silo too). Trainers record the name.
/// </summary>
internal static class TrainingDevice
{
    public static torch.Device Pick(int cpuThreads)
    {
        torch.set_num_threads(cpuThreads);
        return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
    }

    public static string Name(torch.Device device) => device.type == DeviceType.CUDA ? "cuda" : "cpu";
}
