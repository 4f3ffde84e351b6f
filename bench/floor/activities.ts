/** The floor's one activity: it does nothing but tell the driver when it ran. */

export interface FloorActivities {
  noop(event: string): Promise<void>;
}

export function createFloorActivities(report: (event: string, at: number) => void): FloorActivities {
  return {
    noop: (event) => {
      report(event, Date.now());
      return Promise.resolve();
    },
  };
}
