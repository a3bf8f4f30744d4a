/** stdlib's evaluation of the Kolmogorov distribution: P(D_n < d). */
declare function pKolmogorov(d: number, n: number): number;
export default pKolmogorov;
