package io.iamcore;
public final class Main { public static void main(String[] a) {} }
