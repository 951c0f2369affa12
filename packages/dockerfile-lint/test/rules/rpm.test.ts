import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM rockylinux:9';

describe('yum', () => {
  it('DL3030 wants -y', () => {
    expect(linesOf('DL3030', [FROM, 'RUN yum install httpd-2.4.57 && yum clean all'])).toEqual([2]);
    expect(linesOf('DL3030', [FROM, 'RUN yum install -y httpd-2.4.57 && yum clean all'])).toEqual([]);
    expect(linesOf('DL3030', [FROM, 'RUN yum --assumeyes install httpd-2.4.57 && yum clean all'])).toEqual([]);
  });
  it('DL3032 wants yum clean all after the install', () => {
    expect(linesOf('DL3032', [FROM, 'RUN yum install -y httpd-2.4.57'])).toEqual([2]);
    expect(linesOf('DL3032', [FROM, 'RUN yum clean all && yum install -y httpd-2.4.57'])).toEqual([2]);
    expect(linesOf('DL3032', [FROM, 'RUN yum install -y httpd-2.4.57 && yum clean all'])).toEqual([]);
    expect(linesOf('DL3032', [FROM, 'RUN yum install -y httpd-2.4.57 && rm -rf /var/cache/yum'])).toEqual([]);
  });
  it('DL3032 accepts a cache mount on /var/cache/yum', () => {
    expect(linesOf('DL3032', [FROM, 'RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.57'])).toEqual([]);
  });
  it('DL3033 wants name-version, or a module stream', () => {
    const findings = lint([FROM, 'RUN yum install -y httpd-2.4.57 mod_ssl && yum clean all']).filter((f) => f.code === 'DL3033');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('`mod_ssl`')]);
    expect(linesOf('DL3033', [FROM, 'RUN yum install -y python3-devel && yum clean all'])).toEqual([2]);
    expect(linesOf('DL3033', [FROM, 'RUN yum module install -y nodejs:18 && yum clean all'])).toEqual([]);
    expect(linesOf('DL3033', [FROM, 'RUN yum install -y ./local.rpm openssl-3.0.7-27.el9 && yum clean all'])).toEqual([]);
  });
});

describe('zypper', () => {
  const SUSE = 'FROM opensuse/leap:15.6';
  it('DL3034 wants a non-interactive switch', () => {
    expect(linesOf('DL3034', [SUSE, 'RUN zypper install curl=8 && zypper clean'])).toEqual([2]);
    expect(linesOf('DL3034', [SUSE, 'RUN zypper -n install curl=8 && zypper clean'])).toEqual([]);
    expect(linesOf('DL3034', [SUSE, 'RUN zypper --non-interactive in -y curl=8 && zypper clean'])).toEqual([]);
  });
  it('DL3035 forbids dist-upgrade', () => {
    expect(linesOf('DL3035', [SUSE, 'RUN zypper -n dup'])).toEqual([2]);
    expect(linesOf('DL3035', [SUSE, 'RUN zypper -n update'])).toEqual([]);
  });
  it('DL3036 wants zypper clean after the install, or a cache mount', () => {
    expect(linesOf('DL3036', [SUSE, 'RUN zypper -n install curl=8'])).toEqual([2]);
    expect(linesOf('DL3036', [SUSE, 'RUN zypper -n install curl=8 && zypper cc'])).toEqual([]);
    expect(linesOf('DL3036', [SUSE, 'RUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl=8'])).toEqual([]);
  });
  it('DL3037 wants package=version', () => {
    expect(linesOf('DL3037', [SUSE, 'RUN zypper -n install curl && zypper clean'])).toEqual([2]);
    expect(linesOf('DL3037', [SUSE, 'RUN zypper -n install "curl>=8" git=2.43 && zypper clean'])).toEqual([]);
  });
});

describe('dnf and microdnf', () => {
  const UBI = 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4';
  it('DL3038 wants -y', () => {
    expect(linesOf('DL3038', [UBI, 'RUN microdnf install shadow-utils-4.9 && microdnf clean all'])).toEqual([2]);
    expect(linesOf('DL3038', [UBI, 'RUN dnf install -y shadow-utils-4.9 && dnf clean all'])).toEqual([]);
  });
  it('DL3040 wants clean all after the install, or a cache mount', () => {
    expect(linesOf('DL3040', [UBI, 'RUN dnf install -y shadow-utils-4.9'])).toEqual([2]);
    expect(linesOf('DL3040', [UBI, 'RUN microdnf install -y shadow-utils-4.9 && dnf clean all'])).toEqual([2]);
    expect(linesOf('DL3040', [UBI, 'RUN dnf install -y shadow-utils-4.9 && dnf clean all'])).toEqual([]);
    expect(linesOf('DL3040', [UBI, 'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y shadow-utils-4.9'])).toEqual([]);
    expect(linesOf('DL3040', [UBI, 'RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y shadow-utils-4.9'])).toEqual([]);
  });
  it('DL3041 wants name-version', () => {
    expect(linesOf('DL3041', [UBI, 'RUN dnf install -y shadow-utils && dnf clean all'])).toEqual([2]);
    expect(linesOf('DL3041', [UBI, 'RUN dnf install -y shadow-utils-4.9-8.el9 && dnf clean all'])).toEqual([]);
    expect(linesOf('DL3041', [UBI, 'RUN dnf module install -y nodejs:20 && dnf clean all'])).toEqual([]);
  });
});
