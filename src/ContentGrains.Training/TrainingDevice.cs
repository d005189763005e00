using TorchSharp;

namespace ContentGrains.Training;

/// <summary>Where a model trains: CUDA when libtorch sees a GPU, else the CPU with a deliberate thread count. Trainers record the name.</summary>
internal static class TrainingDevice
{
    public static torch.Device Pick(int cpuThreads)
    {
        if (torch.cuda.is_available())
            return torch.CUDA;
        torch.set_num_threads(cpuThreads);
        return torch.CPU;
    }

    public static string Name(torch.Device device) => device.type == DeviceType.CUDA ? "cuda" : "cpu";
}
