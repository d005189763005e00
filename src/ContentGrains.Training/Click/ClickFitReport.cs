namespace ContentGrains.Training.Click;

/// <summary>How a click model's training went: on which device, over how many rows, the last epoch's mean log-loss, how long.</summary>
public sealed record ClickFitReport(string Device, int Rows, int Epochs, double TrainLogLoss, TimeSpan Elapsed);
