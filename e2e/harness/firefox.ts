export async function launchFirefox(): Promise<never> { throw new Error("todo"); }
